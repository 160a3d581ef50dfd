import type { KeyTime } from "@/lib/domain/incidents/types";
import type { IncidentDurations, MetricId } from "./types";

const parse = (iso: string | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

/**
 * THE MTTx (docs/mttx.md): MTTD = impact start → detected; MTTA = detected → acknowledged (a
 * person's first act); MTTM = impact start → mitigated (when the evidence said recovered, as the
 * commander confirmed); MTTR = impact start → resolved. MTTM and MTTR start at detection when
 * the impact start was never recorded (`mttrFrom` says which). All from the log's key times
 * (lib/domain/incidents/derive.ts with lib/domain/metrics/key-time-rules.ts). A missing end
 * gives null; ends out of order give null and are listed in `inconsistent`.
 */
export function incidentDurations(keyTimes: Partial<Record<KeyTime, string>>): IncidentDurations {
  const impact = parse(keyTimes.impactStart);
  const detected = parse(keyTimes.detected);
  const acknowledged = parse(keyTimes.acknowledged);
  const mitigated = parse(keyTimes.mitigated);
  const resolved = parse(keyTimes.resolved);
  const inconsistent: MetricId[] = [];
  const span = (metric: MetricId, from: number | null, to: number | null): number | null => {
    if (from === null || to === null) return null;
    if (to < from) {
      inconsistent.push(metric);
      return null;
    }
    return Math.round((to - from) / 1000);
  };
  const mttd = span("mttd", impact, detected);
  const mtta = span("mtta", detected, acknowledged);
  const mttrFrom = impact !== null ? "impactStart" : detected !== null ? "detected" : null;
  const mttm = span("mttm", impact ?? detected, mitigated);
  const mttr = span("mttr", impact ?? detected, resolved);
  return { mttd, mtta, mttm, mttr, mttrFrom: mttr === null && mttm === null ? null : mttrFrom, inconsistent };
}

/**
 * THE duration formatter (every page, reason, review and export uses it): "45 s", "1 min 15 s",
 * "12 min", "1 h 05 min", "3 d 4 h"; "<1 s" under a second; "—" for null, NaN or a negative
 * value (a duration is never negative: a negative one is a data error, shown as unknown).
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds === 0) return "0 s";
  if (seconds < 1) return "<1 s";
  const s = Math.round(seconds);
  if (s < 90) return `${s} s`;
  if (s < 600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? `${m} min ${String(rest).padStart(2, "0")} s` : `${m} min`;
  }
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h < 48) return m ? `${h} h ${String(m).padStart(2, "0")} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const hh = h % 24;
  return hh ? `${d} d ${hh} h` : `${d} d`;
}

/**
 * A wall-clock time in UTC as every page, reason and notification writes it ("14:03:27", or
 * "14:03" without seconds). Incidents span people in several time zones and the header says
 * UTC, so nothing shows local time.
 */
export function utcClock(at: number | string | Date, opts: { seconds?: boolean } = {}): string {
  const iso = new Date(at).toISOString();
  return opts.seconds === false ? iso.slice(11, 16) : iso.slice(11, 19);
}
