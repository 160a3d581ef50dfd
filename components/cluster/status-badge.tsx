import type { ConsumerStatus } from "@/lib/schemas/cluster";

const TONE: Record<ConsumerStatus, string> = {
  ok: "border-ok/40 text-ok",
  lagging: "border-warn/50 text-warn",
  stalled: "border-bad/50 text-bad",
  stopped: "border-bad/50 text-bad",
  rewound: "border-warn/50 text-warn",
  rebalancing: "border-warn/50 text-warn",
  error: "border-bad/60 bg-bad/10 text-bad",
  unknown: "border-border text-muted",
};

/** Burrow-style consumer status as a badge; the reason is in the title (and read by screen readers). */
export function StatusBadge({ status, reason }: { status: ConsumerStatus; reason?: string }) {
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      title={reason}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-semibold ${TONE[status]}`}
    >
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current" />
      {status}
      {reason ? <span className="sr-only">: {reason}</span> : null}
    </span>
  );
}
