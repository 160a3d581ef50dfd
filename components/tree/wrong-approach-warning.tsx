"use client";
import { leafById, MITIGATIONS, wrongMitigationWarning, type MitigationId } from "@/lib/domain/diagnosis/tree";

export interface WrongApproach {
  leafId: string;
  leafTitle: string;
  mitigation: MitigationId;
  /** why it will not help, from the leaf's seed "wrong approach" */
  text: string;
}

/**
 * The causes (by leaf id: the confirmed or suggested ones) for which reaching for `mitigation`
 * is the wrong approach, with why. For the mitigation checklist and the tree alike.
 */
export function wrongApproachesFor(leafIds: readonly string[], mitigation: MitigationId): WrongApproach[] {
  const out: WrongApproach[] = [];
  for (const leafId of new Set(leafIds)) {
    const text = wrongMitigationWarning(leafId, mitigation);
    const leaf = leafById(leafId);
    if (text && leaf) out.push({ leafId, leafTitle: leaf.title, mitigation, text: leaf.wrongApproach });
  }
  return out;
}

/**
 * Says why a mitigation will not help for these causes, or renders nothing when none of them
 * warns against it. Usage: <WrongApproachWarning leafIds={["topic.partition-skew"]} mitigation="scale-consumers" />
 */
export function WrongApproachWarning({ leafIds, mitigation, className = "" }: { leafIds: readonly string[]; mitigation: MitigationId; className?: string }) {
  const warnings = wrongApproachesFor(leafIds, mitigation);
  if (warnings.length === 0) return null;
  return (
    <div role="alert" data-testid="wrong-approach-warning" className={`rounded-md border border-warn bg-surface-2 px-3 py-2 text-sm text-fg ${className}`}>
      <p className="font-semibold text-warn">
        <span aria-hidden="true">⚠ </span>
        {MITIGATIONS[mitigation]} will not help here
      </p>
      <ul className="mt-1 space-y-1">
        {warnings.map((w) => (
          <li key={w.leafId}>
            <span className="font-medium">{w.leafTitle}:</span> {w.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
