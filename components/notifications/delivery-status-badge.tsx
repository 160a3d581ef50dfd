import type { DeliveryStatus } from "@/lib/domain/notifications/types";

const TONE: Record<DeliveryStatus, string> = {
  queued: "border-border text-muted",
  sending: "border-accent text-accent",
  delivered: "border-ok text-ok",
  retrying: "border-warn text-warn",
  failed: "border-bad text-bad",
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <span data-testid="delivery-status" data-status={status} className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${TONE[status]}`}>
      {status}
    </span>
  );
}
