import { STATUS_LABELS, type IncidentStatus } from "@/lib/domain/incidents/types";

const TONE: Record<IncidentStatus, string> = {
  detection: "border-bad text-bad",
  triage: "border-warn text-warn",
  mitigation: "border-warn text-warn",
  resolution: "border-ok text-ok",
  review: "border-accent text-accent",
  closed: "border-border text-muted",
};

export function StatusBadge({ status, testId }: { status: IncidentStatus; testId?: string }) {
  return (
    <span data-testid={testId} className={`rounded border px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${TONE[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}
