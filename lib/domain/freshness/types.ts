/**
 * The freshness watch's vocabulary (issue 17, seed 001 S12 "the consumer fails silently":
 * alert on data freshness, on zero or near-zero processing, on commit frequency — not on
 * uptime). Rules and thresholds: docs/freshness-watch.md.
 */

export const FRESHNESS_RULES = ["freshness-slo", "zero-throughput", "no-commit"] as const;
export type FreshnessRule = (typeof FRESHNESS_RULES)[number];

export const FRESHNESS_RULE_LABELS: Record<FreshnessRule, string> = {
  "freshness-slo": "freshness SLO breached",
  "zero-throughput": "zero processing while input arrives",
  "no-commit": "members alive, nothing committed",
};

/** Log entry a breach writes on its incident (the opening one, or an open incident of the same scope). */
export const FRESHNESS_BREACH_KIND = "freshness-breach";
/** Log entry when a breached stream has been healthy for the recovery period. */
export const FRESHNESS_RECOVERED_KIND = "freshness-recovered";

export interface RuleTrip {
  rule: FreshnessRule;
  /** when the evidence shows this rule's breach began (epoch ms) */
  since: number;
  /** one line quoting the numbers */
  text: string;
}

/** The numbers of one partition at the breach, kept with the incident. */
export interface BreachPartition {
  topic: string;
  partition: number;
  committedOffset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  timeLagSeconds: number | null;
  committedUnchangedSeconds: number;
  inputRatePerSec: number | null;
  consumeRatePerSec: number | null;
}

/** Payload of "freshness-breach". */
export interface FreshnessBreachPayload {
  cluster: string;
  group: string;
  topics: string[];
  service: string;
  team: string;
  tier: string;
  freshnessSloSeconds: number | null;
  rules: { rule: FreshnessRule; since: string; text: string }[];
  /** the earliest `since` of the rules: the incident's impact start */
  breachStartedAt: string;
  /** the sample that saw it */
  detectedAt: string;
  /** "first": this breach opened or joined the incident; "again": the stream breached again after recovering */
  episode: "first" | "again";
  /** the evidence at that moment */
  evidence: {
    takenAt: string;
    state: string;
    members: number;
    totalLag: number;
    maxTimeLagSeconds: number | null;
    inputRatePerSec: number | null;
    consumeRatePerSec: number | null;
    samples: number;
    windowSeconds: number;
    partitions: BreachPartition[];
  };
  summary: string;
}

export interface FreshnessRecoveredPayload {
  group: string;
  recoveredAt: string;
  healthySeconds: number;
  summary: string;
}
