/**
 * The one vocabulary of severity questions (docs/severity.md): seed 000's four, answered from
 * Kafka where it can show it, and seed 003's impact questions, answered by people (or by the
 * ownership catalog). Every question is phrased so that "yes" is the worse answer.
 */
export const SEVERITY_QUESTIONS = {
  writesAtRisk: {
    text: "Are writes failing or at risk?",
    hint: "offline partitions, partitions below min.insync.replicas, producer errors",
    seed: "000",
  },
  freshnessBreached: {
    text: "Has freshness breached the business objective?",
    hint: "time lag of the groups in scope against their freshness SLO",
    seed: "000",
  },
  backlogGrowing: {
    text: "Is the backlog growing faster than the platform can drain it?",
    hint: "lag growth, drain rate, time to drain",
    seed: "000",
  },
  recoveryConstrained: {
    text: "Is recovery constrained by capacity, storage or coordination?",
    hint: "time until retention deletes unread records vs time to drain; consumers vs partitions",
    seed: "000",
  },
  businessImpact: {
    text: "Is there business impact (revenue, compliance, critical reports)?",
    hint: "the ownership catalog's tier, or the commander",
    seed: "003",
  },
  downstreamAffected: {
    text: "Are users or downstream consumers affected?",
    hint: "only people (or downstream checks) can say",
    seed: "003",
  },
  dataUnrecoverable: {
    text: "Is any data unrecoverable (not replayable from a source of truth)?",
    hint: "records deleted unread, and whether a source of truth can replay them",
    seed: "003",
  },
  timeSensitive: {
    text: "Is the affected data time-sensitive (value lost if late)?",
    hint: "only the data's owner can say",
    seed: "003",
  },
} as const;

export type QuestionId = keyof typeof SEVERITY_QUESTIONS;
export const QUESTION_IDS = Object.keys(SEVERITY_QUESTIONS) as QuestionId[];

export type Answer = "yes" | "no" | "unknown";

export function isQuestionId(value: string): value is QuestionId {
  return (QUESTION_IDS as string[]).includes(value);
}
