/**
 * One incident names several scopes (its groups, its topics, the cluster). Each is diagnosed on
 * its own (rank.ts); the tree shows one verdict per leaf, so the scopes are merged: a leaf's
 * cause is its best-scoring one across scopes, and a leaf counts as ruled out only when no scope
 * makes it a cause. Deterministic: ties go to the scope listed first.
 */
import type { Diagnosis, Scope } from "@/lib/domain/diagnosis/types";
import type { MergedDiagnosis, ScopedCause, ScopedRuledOut } from "./types";

export function scopeLabel(scope: Scope): string {
  return scope.kind === "cluster" ? "cluster" : `${scope.kind} ${scope.name}`;
}

export function mergeDiagnoses(scopes: Diagnosis[]): MergedDiagnosis {
  const causes = new Map<string, ScopedCause>();
  for (const d of scopes) {
    for (const c of d.causes) {
      const prev = causes.get(c.id);
      if (!prev || c.score > prev.score) causes.set(c.id, { ...c, scope: d.scope });
    }
  }
  const ruledOut = new Map<string, ScopedRuledOut>();
  for (const d of scopes) {
    for (const r of d.ruledOut) if (!causes.has(r.id) && !ruledOut.has(r.id)) ruledOut.set(r.id, { ...r, scope: d.scope });
  }
  return {
    scopes,
    causes: [...causes.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)),
    ruledOut: [...ruledOut.values()].sort((a, b) => a.id.localeCompare(b.id)),
    // people's answers are the same in every scope: list each once
    verdicts: scopes.flatMap((d, i) => d.verdicts.filter((v) => i === 0 || v.checkId !== "answer").map((v) => ({ ...v, scope: d.scope }))),
  };
}
