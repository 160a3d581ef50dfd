"use client";
import { useHealth } from "@/lib/client/hooks/use-health";

/** Header badge: database and Kafka state from /api/health, refreshed every 5 s. */
export function HealthIndicator() {
  const { data, error, isPending } = useHealth();
  if (isPending) {
    return <Badge tone="muted" label="Checking…" title="Checking the database and Kafka" testId="health-indicator" state="loading" />;
  }
  if (error || !data) {
    return <Badge tone="bad" label="Server unreachable" title={error?.message ?? "no answer from /api/health"} testId="health-indicator" state="server-down" />;
  }
  if (data.database.status !== "ok") {
    return <Badge tone="bad" label="Database error" title={data.database.error ?? ""} testId="health-indicator" state="db-error" />;
  }
  const kafka = data.kafka;
  if (kafka.status === "connected") {
    const n = kafka.brokerCount ?? 0;
    return (
      <Badge
        tone="ok"
        label={`Kafka · ${n} broker${n === 1 ? "" : "s"}`}
        title={`Connected to ${kafka.brokers ?? "?"} in ${kafka.latencyMs ?? "?"} ms (checked ${new Date(kafka.checkedAt).toLocaleTimeString()})`}
        testId="health-indicator"
        state="connected"
      />
    );
  }
  if (kafka.status === "not-configured") {
    return <Badge tone="warn" label="No Kafka configured" title={kafka.error ?? "set KAFKA_BROKERS"} testId="health-indicator" state="not-configured" />;
  }
  if (kafka.status === "auth-failed") {
    return (
      <Badge
        tone="bad"
        label="Kafka auth failed"
        title={`Kafka rejected Ripcord's credentials: ${kafka.error ?? "authentication failed"}. Check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.`}
        testId="health-indicator"
        state="auth-failed"
      />
    );
  }
  return (
    <Badge
      tone="bad"
      label="Kafka unreachable"
      title={`Live evidence unavailable: ${kafka.error ?? "no answer"}. Stored incidents still work.`}
      testId="health-indicator"
      state="unreachable"
    />
  );
}

const TONES = {
  ok: "border-ok/40 text-ok",
  warn: "border-warn/40 text-warn",
  bad: "border-bad/50 text-bad",
  muted: "border-border text-muted",
} as const;

function Badge({ tone, label, title, testId, state }: { tone: keyof typeof TONES; label: string; title: string; testId: string; state: string }) {
  return (
    <span
      data-testid={testId}
      data-state={state}
      role="status"
      aria-live="polite"
      title={title}
      className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-xs font-semibold ${TONES[tone]}`}
    >
      <span aria-hidden className="h-2 w-2 rounded-full bg-current" />
      {label}
    </span>
  );
}
