import type { KeyTime, SeverityLevel } from "@/lib/domain/incidents/types";
import type { BranchId } from "@/lib/domain/diagnosis/tree";

/** What the metrics need to know about one incident (derived from its log by the server). */
export interface IncidentFacts {
  id: string;
  title: string;
  severity: SeverityLevel | null;
  status: string;
  /** ISO-8601: when the incident was opened (first log entry) */
  openedAt: string;
  drill: boolean;
  keyTimes: Partial<Record<KeyTime, string>>;
  /** closed as "not an incident / false alarm": left out of every aggregate */
  falseAlarm: boolean;
  /** confirmed root causes (tree leaves); empty when none is confirmed */
  causes: { leafId: string; title: string; branch: BranchId }[];
}

export const METRICS = ["mttd", "mtta", "mttm", "mttr"] as const;
export type MetricId = (typeof METRICS)[number];

export const METRIC_LABELS: Record<MetricId, { short: string; long: string; from: string; to: string }> = {
  mttd: { short: "MTTD", long: "Time to detect", from: "impact start", to: "detected" },
  mtta: { short: "MTTA", long: "Time to acknowledge", from: "detected", to: "acknowledged by a person" },
  mttm: { short: "MTTM", long: "Time to mitigate", from: "impact start (else detected)", to: "mitigated (evidence, confirmed)" },
  mttr: { short: "MTTR", long: "Time to resolve", from: "impact start (else detected)", to: "resolved" },
};

/** One incident's durations in seconds; null when an end is missing (or the ends are out of order). */
export interface IncidentDurations {
  mttd: number | null;
  mtta: number | null;
  mttm: number | null;
  mttr: number | null;
  /** which key time MTTM and MTTR were measured from; null when both are unknown */
  mttrFrom: "impactStart" | "detected" | null;
  /** key-time pairs that were both set but out of order (excluded, named so someone can fix the log) */
  inconsistent: MetricId[];
}

/** Aggregate of one metric over a set of incidents: n of m incidents had both times. */
export interface MetricSummary {
  metric: MetricId;
  /** incidents that contributed (both times known, in order) */
  n: number;
  /** incidents considered */
  m: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  meanSeconds: number | null;
}

export interface WeekBucket {
  /** Monday 00:00 UTC of the ISO week, yyyy-mm-dd */
  week: string;
}
