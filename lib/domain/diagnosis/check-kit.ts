/** Shared plumbing for the check modules: the context they read and reason formatting. */
import type { EvidenceSignals, GroupSignals, TopicSignals } from "@/lib/domain/evidence/signal-types";
import type { HumanAnswer, Scope, TimelineEvent, Verdict } from "./types";
import type { CheckId } from "./tree";

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
export const dur = (s: number) =>
  s < 120 ? `${Math.round(s)}s` : s < 7200 ? `${Math.round(s / 60)}min` : `${r1(s / 3600)}h`;

export const v = (checkId: CheckId, leafId: string, verdict: Verdict["verdict"], weight: number, reason: string): Verdict => ({
  checkId,
  leafId,
  verdict,
  weight,
  reason,
});

