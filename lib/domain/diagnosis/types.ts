/** Types shared by the diagnosis checks, the ranking and their callers. */
import type { CheckId } from "./tree";

export type ScopeKind = "group" | "topic" | "cluster";
export interface Scope {
  kind: ScopeKind;
  name: string;
}

/** What a person typed: "a schema change was deployed at 09:10". `at` is epoch ms when known. */
export interface HumanAnswer {
  leafId: string;
  answer: "yes" | "no";
  note: string;
  at?: number;
}

/** An entry from the incident timeline that can line up with the lag start. */
export interface TimelineEvent {
  kind: "deploy" | "schema-change" | "config-change";
  at: number;
  service?: string;
  topic?: string;
  note?: string;
}

export type VerdictKind = "supported" | "contradicted" | "unknown";

export interface Verdict {
  /** an automatic check id, or "answer" for a human answer. */
  checkId: CheckId | "answer";
  leafId: string;
  verdict: VerdictKind;
  /** 0..1: how strongly this verdict moves the leaf. */
  weight: number;
  /** human-readable, quoting the numbers behind it. */
  reason: string;
}

export interface RankedCause {
  id: string;
  score: number;
  reasons: string[];
}

export interface RuledOut {
  id: string;
  reasons: string[];
}

export interface Diagnosis {
  scope: Scope;
  causes: RankedCause[];
  ruledOut: RuledOut[];
  verdicts: Verdict[];
}

/** docs/contracts.md §3 `diagnosis[]` entry. */
export interface DiagnosisEntry {
  scope: Scope;
  causes: RankedCause[];
  ruledOut: RuledOut[];
}
