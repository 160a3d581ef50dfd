import { computeSignals } from "@/lib/domain/evidence/signals";
import type { EvidenceSignals, GroupSignals } from "@/lib/domain/evidence/signal-types";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { IncidentScope, KeyTime } from "@/lib/domain/incidents/types";

/** One point of the incident-window charts; null = not known at that sample. */
export interface SeriesPoint {
  /** epoch ms */
  at: number;
  lag: number | null;
  timeLagSeconds: number | null;
  inputRatePerSec: number | null;
  consumeRatePerSec: number | null;
}

export interface IncidentWindow {
  /** epoch ms */
  from: number;
  to: number;
  /** which key time starts and ends the window ("now" while unresolved) */
  fromKey: KeyTime | "opened";
  toKey: KeyTime | "now";
}

export interface Impact {
  durationSeconds: number;
  window: IncidentWindow;
  affectedTopics: string[];
  affectedGroups: string[];
  peakLag: number | null;
  peakTimeLagSeconds: number | null;
  /** estimate: the backlog at the window's start plus every record produced while the groups were behind */
  recordsLate: number | null;
  /** records deleted by retention before the group read them (committed offset below log start) */
  recordsLost: number | null;
  /** "unknown" when no stored evidence covers the window */
  lost: "yes" | "no" | "unknown";
  samples: number;
}

/** The incident window from the key times: impact start (else detected, else opened) → resolved (else mitigated, else now). */
export function incidentWindow(keyTimes: Partial<Record<KeyTime, string>>, openedAt: string, now: number): IncidentWindow {
  const t = (k: KeyTime) => (keyTimes[k] ? Date.parse(keyTimes[k]) : NaN);
  const fromKey: IncidentWindow["fromKey"] = Number.isFinite(t("impactStart")) ? "impactStart" : Number.isFinite(t("detected")) ? "detected" : "opened";
  const from = fromKey === "opened" ? Date.parse(openedAt) : t(fromKey);
  const toKey: IncidentWindow["toKey"] = Number.isFinite(t("resolved")) ? "resolved" : Number.isFinite(t("mitigated")) ? "mitigated" : "now";
  const to = toKey === "now" ? now : t(toKey);
  return { from, to: Math.max(from, to), fromKey, toKey };
}

/** The groups a review looks at: the scope's groups; else groups reading the scope's topics; else every group seen. */
function groupsInScope(signals: EvidenceSignals, scope: IncidentScope): GroupSignals[] {
  if (scope.groups.length > 0) return signals.groups.filter((g) => scope.groups.includes(g.groupId));
  if (scope.topics.length > 0) return signals.groups.filter((g) => g.topics.some((t) => scope.topics.includes(t)));
  return signals.groups;
}

function topicsOf(groups: GroupSignals[], scope: IncidentScope): string[] {
  return [...new Set([...scope.topics, ...groups.flatMap((g) => g.topics)])].sort();
}

const sum = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
};
const max = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length === 0 ? null : Math.max(...known);
};

/** Keeps at most `limit` snapshots, evenly spaced, always including the last. */
export function thin<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  const step = items.length / limit;
  const out: T[] = [];
  for (let i = 0; i < limit - 1; i += 1) out.push(items[Math.floor(i * step)]!);
  out.push(items[items.length - 1]!);
  return out;
}

export interface WindowEvidence {
  series: SeriesPoint[];
  /** per sample: records lost so far in scope, and the groups/topics behind */
  lostAt: (number | null)[];
  laggingGroups: string[];
  topics: string[];
}

/**
 * Chart series over the window from a snapshot history (oldest first): total lag and max time
 * lag of the groups in scope, input rate of their topics, consume rate of the groups. Each point
 * is computed from the samples up to it (rates over the last `rateSamples` intervals, time lag
 * interpolated over up to `lookback` earlier samples).
 */
export function windowEvidence(history: readonly ClusterSnapshot[], scope: IncidentScope, opts: { maxPoints?: number; rateSamples?: number; lookback?: number } = {}): WindowEvidence {
  const snaps = thin([...history].sort((a, b) => a.takenAt - b.takenAt), opts.maxPoints ?? 150);
  const rateSamples = opts.rateSamples ?? 3;
  const lookback = opts.lookback ?? 30;
  const series: SeriesPoint[] = [];
  const lostAt: (number | null)[] = [];
  const lagging = new Set<string>();
  const topics = new Set<string>(scope.topics);
  for (let i = 0; i < snaps.length; i += 1) {
    const slice = snaps.slice(Math.max(0, i - lookback), i + 1);
    const rateFrom = snaps[Math.max(0, i - rateSamples)]!.takenAt;
    const signals = computeSignals(slice, { rateWindowMs: snaps[i]!.takenAt - rateFrom + 1 });
    const groups = groupsInScope(signals, scope);
    const groupTopics = topicsOf(groups, scope);
    for (const t of groupTopics) topics.add(t);
    for (const g of groups) if (g.totalLag > 0) lagging.add(g.groupId);
    const hasOffsets = groups.some((g) => g.partitions.some((p) => p.lag !== null));
    series.push({
      at: snaps[i]!.takenAt,
      lag: hasOffsets ? groups.reduce((a, g) => a + g.totalLag, 0) : null,
      timeLagSeconds: max(groups.map((g) => g.maxTimeLagSeconds)),
      inputRatePerSec: i === 0 ? null : sum(signals.topics.filter((t) => groupTopics.includes(t.name)).map((t) => t.inputRatePerSec)),
      consumeRatePerSec: i === 0 ? null : sum(groups.map((g) => g.consumeRatePerSec)),
    });
    lostAt.push(hasOffsets ? groups.flatMap((g) => g.partitions).reduce((a, p) => a + (p.retention.kind === "lost" ? p.retention.recordsLost : 0), 0) : null);
  }
  return { series, lostAt, laggingGroups: [...lagging].sort(), topics: [...topics].sort() };
}

/** Impact numbers of the window from stored evidence (see Impact for each number's definition). */
export function computeImpact(evidence: WindowEvidence, window: IncidentWindow, scope: IncidentScope): Impact {
  // The evidence carries the charts' margin around the window; the impact counts the window only
  // (a consumer still stuck after "resolved" kept growing its time lag into the margin, and the
  // figures then depended on how long sampling went on after the incident, not on the incident).
  const inWindow = evidence.series.map((p, i) => (p.at >= window.from && p.at <= window.to ? i : -1)).filter((i) => i >= 0);
  const series = inWindow.map((i) => evidence.series[i]!);
  const lostAt = inWindow.map((i) => evidence.lostAt[i] ?? null);
  let recordsLate: number | null = null;
  if (series.length > 0 && series.some((p) => p.lag !== null)) {
    recordsLate = series[0]!.lag ?? 0;
    for (let i = 1; i < series.length; i += 1) {
      const a = series[i - 1]!;
      const b = series[i]!;
      const behind = (a.lag ?? 0) > 0 || (b.lag ?? 0) > 0;
      if (behind && b.inputRatePerSec !== null) recordsLate += Math.round(b.inputRatePerSec * ((b.at - a.at) / 1000));
    }
  }
  const recordsLost = max(lostAt);
  const affectedGroups = [...new Set([...scope.groups, ...evidence.laggingGroups])].sort();
  return {
    durationSeconds: Math.round((window.to - window.from) / 1000),
    window,
    affectedTopics: evidence.topics,
    affectedGroups,
    peakLag: max(series.map((p) => p.lag)),
    peakTimeLagSeconds: max(series.map((p) => p.timeLagSeconds)),
    recordsLate,
    recordsLost,
    lost: recordsLost === null ? "unknown" : recordsLost > 0 ? "yes" : "no",
    samples: series.length,
  };
}
