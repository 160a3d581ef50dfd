import type { SeverityLevel } from "@/lib/domain/incidents/types";

const COLOUR: Record<SeverityLevel, string> = { SEV1: "bg-sev1", SEV2: "bg-sev2", SEV3: "bg-sev3", SEV4: "bg-sev4" };

export function SeverityBadge({ level, testId }: { level: SeverityLevel | null; testId?: string }) {
  if (!level) return <span data-testid={testId} className="rounded border border-dashed border-border px-2 py-0.5 text-xs font-semibold text-muted">Unclassified</span>;
  return (
    <span data-testid={testId} className={`rounded px-2 py-0.5 text-xs font-bold text-bg ${COLOUR[level]}`}>
      {level.replace("SEV", "SEV-")}
    </span>
  );
}
