/** Shared plumbing for the check modules: the context they read and reason formatting. */
import type { EvidenceSignals, GroupSignals, TopicSignals } from "@/lib/domain/evidence/signal-types";
import type { HumanAnswer, Scope, TimelineEvent, Verdict } from "./types";
import type { CheckId } from "./tree";
import { formatDuration } from "@/lib/domain/metrics/durations";

export interface CheckContext {
  signals: EvidenceSignals;
  scope: Scope;
  /** groups the scope covers (the group itself, or the groups reading a topic). */
  groups: GroupSignals[];
  topics: TopicSignals[];
  answers: HumanAnswer[];
  events: TimelineEvent[];
}

export const r1 = (n: number) => (Math.round(n * 10) / 10).toString();
export const pct = (n: number) => `${Math.round(n * 100)}%`;
/** the one duration formatter (lib/domain/metrics/durations.ts) */
export const dur = formatDuration;

export const v = (checkId: CheckId, leafId: string, verdict: Verdict["verdict"], weight: number, reason: string): Verdict => ({
  checkId,
  leafId,
  verdict,
  weight,
  reason,
});

