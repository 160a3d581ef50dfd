/**
 * The root-cause tree's entries in the incident log. Marks are the commander's decisions on a
 * node (investigating / ruled out / confirmed, with a note); answers are what responders say to
 * a leaf's question for people. Both are ordinary append-only incident entries: the current
 * mark of a node is the newest mark entry for it (marks.ts), and answers feed the diagnosis.
 */
import type { Diagnosis, RankedCause, RuledOut, Scope, Verdict } from "@/lib/domain/diagnosis/types";

export const TREE_MARK_KIND = "tree-mark";
export const TREE_ANSWER_KIND = "tree-answer";

export const TREE_MARKS = ["investigating", "ruled-out", "confirmed"] as const;
export type TreeMark = (typeof TREE_MARKS)[number];

export const TREE_MARK_LABELS: Record<TreeMark, string> = {
  investigating: "Investigating",
  "ruled-out": "Ruled out",
  confirmed: "Confirmed",
};

/** ruled-out and confirmed are decisions: they need a written note. */
export function markNeedsNote(mark: TreeMark): boolean {
  return mark !== "investigating";
}

export interface TreeMarkPayload {
  leafId: string;
  mark: TreeMark;
  note: string;
}

export interface TreeAnswerPayload {
  leafId: string;
  /** index into the leaf's questions (answers.ts questionsOf) */
  question: number;
  /** the question's text when it was answered (the tree may be reworded later) */
  questionText: string;
  answer: "yes" | "no";
  note: string;
  /** when the answered thing happened (e.g. "deployed at 09:10"), ISO-8601 */
  at?: string;
}

/** A diagnosis of one incident, merged across the scopes it names (merge.ts). */
export interface ScopedCause extends RankedCause {
  scope: Scope;
}
export interface ScopedRuledOut extends RuledOut {
  scope: Scope;
}
export interface ScopedVerdict extends Verdict {
  scope: Scope;
}

export interface MergedDiagnosis {
  scopes: Diagnosis[];
  causes: ScopedCause[];
  ruledOut: ScopedRuledOut[];
  verdicts: ScopedVerdict[];
}
