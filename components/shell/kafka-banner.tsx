"use client";
import { useHealth } from "@/lib/client/hooks/use-health";

/** Says plainly, under the header, when live evidence is unavailable and why. */
export function KafkaBanner() {
  const { data } = useHealth();
  if (!data || data.kafka.status === "connected") return null;
  const reason =
    data.kafka.status === "not-configured"
      ? "no Kafka cluster is configured (set KAFKA_BROKERS)"
      : data.kafka.status === "auth-failed"
        ? `${data.kafka.error ?? "authentication failed"} (check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)`
        : data.kafka.error ?? "Kafka does not answer";
  return (
    <div role="alert" data-testid="kafka-banner" className="border-b border-bad/40 bg-bad/10 px-3 py-2 sm:px-6 text-sm text-fg">
      <strong className="text-bad">Live evidence unavailable:</strong> {reason}. Incidents, timelines and reviews stored in Ripcord still work.
    </div>
  );
}
