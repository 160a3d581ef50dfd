import { METRICS, METRIC_LABELS, type IncidentDurations, type MetricId } from "./types";

export interface ResponseRow {
  metric: MetricId;
  /** "MTTA (detected → acknowledged by a person)" */
  label: string;
  seconds: number | null;
}

/** One incident's MTTx rows as the review and its Markdown print them (same labels as the dashboard). */
export function responseRows(d: IncidentDurations): ResponseRow[] {
  return METRICS.map((metric) => {
    const l = METRIC_LABELS[metric];
    const from = metric === "mttm" || metric === "mttr" ? (d.mttrFrom === "detected" ? "detected" : "impact start") : l.from;
    return { metric, label: `${l.short} (${from} → ${l.to})`, seconds: d[metric] };
  });
}
