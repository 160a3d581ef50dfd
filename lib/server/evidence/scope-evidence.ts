import "server-only";
import { describeKnowledge, type EvidenceKnowledge } from "@/lib/domain/evidence/knowledge";
import { computeSignals, type EvidenceSignals } from "@/lib/domain/evidence/signals";
import type { ClusterSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import type { SamplerState } from "@/lib/schemas/cluster";
import { KafkaGatewayError } from "../kafka/errors";
import { clusterOf } from "./cluster-identity";
import { getSampler } from "./get-sampler";
import { projectHistory, topicsOfGroup } from "./project-history";
import type { EvidenceSampler } from "./sampler";
import { samplerState } from "./sampler-state";
import { utcClock } from "@/lib/domain/metrics/durations";

/**
 * THE scope-evidence service (docs/evidence.md): every judgement and every view of an incident
 * reads its evidence here — the severity proposal, the diagnosis and the tree's verdicts, the
 * checklist's preconditions, the recovery verification, the blast radius, the group API — so
 * they all report the same numbers for the same moment. Nothing here takes its own snapshot or
 * sleeps to measure a rate: it reads the cluster's evidence sampler (lib/server/evidence/
 * sampler.ts), which samples continuously.
 *
 * What it computes, for a scope (topics and consumer groups; empty = the whole cluster):
 *  - the rate window: the newest RATE_WINDOW_MS of the sampler's in-memory history, narrowed to
 *    the scope's topics (plus the topics its groups read) and groups. Rates, lag growth, drain,
 *    status and churn come from it.
 *  - the reach-back: older samples (the rest of the in-memory history, then persisted keyframes,
 *    one a minute) from REACH_BACK_MARGIN_MS before the lag started — or before `since`, the
 *    incident's impact start, whichever is earlier — up to a day. They place committed offsets
 *    in time (time lag, lag start) and carry the cluster's changes (configs, brokers, leaders).
 *  - the baseline: the topics' input rate over the day before the lag started (or before
 *    `since` when nothing lags), else the same hour a week earlier when the history keeps it.
 *  - what is known and what is not (lib/domain/evidence/knowledge.ts), so a short history says
 *    so instead of a number computed from two points.
 *
 * Results are cached per scope until the sampler takes its next sample (its `version`), so the
 * incident page's tabs and the sampler's own per-incident work share one computation.
 *
 * Interface for other features (commander's screen, freshness watch): call readScopeEvidence
 * (or readIncidentEvidence with an incident) and read `signals`, `knowledge`, `takenAt`,
 * `sampler`; never call computeSignals on your own history.
 */

/** Rates, lag growth, status and churn are measured over this much of the newest history. */
export const RATE_WINDOW_MS = 5 * 60_000;
/** The reach-back starts this long before the lag (or the incident's impact) started. */
export const REACH_BACK_MARGIN_MS = 10 * 60_000;
/** The baseline period and the longest reach-back: a day. */
export const BASELINE_SPAN_MS = 24 * 60 * 60_000;
/**
 * A baseline shorter than this is no baseline (a topic created a minute before the lag, its
 * producers still warming up): the window's own earlier part is compared instead, and the
 * knowledge says there was no history before the lag.
 */
export const MIN_BASELINE_MS = RATE_WINDOW_MS;
const WEEK_MS = 7 * 24 * 60 * 60_000;
const MAX_KEYFRAMES = 360;
const FIRST_SAMPLE_WAIT_MS = 4_000;
const CACHE_LIMIT = 200;

export interface EvidenceScope {
  topics: readonly string[];
  groups: readonly string[];
}

export interface ScopeEvidence {
  cluster: string;
  scope: { topics: string[]; groups: string[] };
  /** "sampler": computed from the sampler's history; "none": there is no history to read */
  source: "sampler" | "none";
  /** takenAt of the newest sample behind the numbers (epoch ms) */
  takenAt: number | null;
  signals: EvidenceSignals | null;
  knowledge: EvidenceKnowledge;
  sampler: SamplerState | null;
  /** the scope's rate window (projected snapshots, oldest first) and time seeds: what kept bundles are built from */
  window: ClusterSnapshot[];
  /** the older samples before the window the numbers reached back to (oldest first) */
  reachBack: ClusterSnapshot[];
  seeds: OffsetTimePoint[];
  /** the newest full sample of the cluster (every group: the blast radius' live readers) */
  latest: ClusterSnapshot | null;
  warnings: string[];
}

export interface ScopeEvidenceOptions {
  /** the incident's impact start (or opening), epoch ms: the reach-back and baseline start before it */
  since?: number | null;
  /**
   * ask the sampler for a sample that starts now (after one under way) before reading: for a
   * judgement that must see the cluster as it is at this moment (a guarded action's stop
   * conditions at execution, ?fresh on the diagnosis and checklist routes)
   */
  fresh?: boolean;
  /** the cluster identity the caller has (an incident's cluster); default the configured one */
  cluster?: string | null;
}

const hhmm = (at: number) => utcClock(at, { seconds: false });

function none(cluster: string, scope: EvidenceScope, why: string, sampler: EvidenceSampler | null): ScopeEvidence {
  return {
    cluster,
    scope: { topics: [...scope.topics], groups: [...scope.groups] },
    source: "none",
    takenAt: null,
    signals: null,
    knowledge: { sufficient: false, known: [], unknown: [why] },
    sampler: sampler ? samplerState(sampler) : null,
    window: [],
    reachBack: [],
    seeds: [],
    latest: sampler?.latest() ?? null,
    warnings: [why],
  };
}

type CacheEntry = { version: number; value: Promise<ScopeEvidence> };
/** Per sampler (a new sampler, e.g. on other brokers, starts empty), per scope. */
const caches = new WeakMap<EvidenceSampler, Map<string, CacheEntry>>();

/** The evidence of a scope, from the sampler's history. Never throws for Kafka trouble: it says so in `knowledge` and `warnings`. */
export async function readScopeEvidence(scope: EvidenceScope, opts: ScopeEvidenceOptions = {}): Promise<ScopeEvidence> {
  const cluster = clusterOf(opts.cluster);
  let sampler: EvidenceSampler;
  try {
    sampler = getSampler(cluster);
  } catch (error) {
    if (error instanceof KafkaGatewayError) return none(cluster, scope, `Kafka could not be read: ${error.message}`, null);
    throw error;
  }
  // Only at start-up, before the first live sample, is there a collection to wait for (bounded).
  await sampler.ready(FIRST_SAMPLE_WAIT_MS);
  if (opts.fresh) await sampler.collectFresh();
  const key = JSON.stringify([cluster, [...scope.topics].sort(), [...scope.groups].sort(), opts.since ? Math.floor(opts.since / 60_000) : null]);
  let cache = caches.get(sampler);
  if (!cache) caches.set(sampler, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === sampler.version) return hit.value;
  const value = compute(sampler, cluster, scope, opts.since ?? null);
  cache.set(key, { version: sampler.version, value });
  value.catch(() => cache.delete(key));
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return value;
}

async function compute(sampler: EvidenceSampler, cluster: string, scope: EvidenceScope, since: number | null): Promise<ScopeEvidence> {
  const state = samplerState(sampler);
  const memory = sampler.history();
  const latest = sampler.latest();
  const error = state.lastError ? `${state.lastError.message} (at ${hhmm(state.lastError.at)} UTC; the numbers are from the last good sample)` : null;
  if (!latest) return none(cluster, scope, error ? `Kafka could not be read: ${error}` : "no sample of the cluster yet: the first collection is still running", sampler);

  const named = scope.topics.length + scope.groups.length > 0;
  const topics = named ? [...new Set([...scope.topics, ...scope.groups.flatMap((g) => topicsOfGroup(memory, g))])].sort() : null;
  const project = (h: readonly ClusterSnapshot[]) => (topics ? projectHistory(h, topics, scope.groups) : [...h]);
  const projected = project(memory);
  const windowFrom = latest.takenAt - RATE_WINDOW_MS;
  const window = projected.filter((s) => s.takenAt >= windowFrom);
  const olderMemory = projected.filter((s) => s.takenAt < windowFrom);
  const seeds = sampler.seeds().filter((p) => !topics || topics.includes(p.topic));

  // First pass over what is in memory: when did the lag start?
  const first = computeSignals(window, { seeds, reachBack: olderMemory });
  const lagging = first.groups.filter((g) => (named ? scope.groups.includes(g.groupId) || g.topics.some((t) => scope.topics.includes(t)) : true) && g.lagStartedAt !== null);
  const lagStart = lagging.length ? Math.min(...lagging.map((g) => g.lagStartedAt!)) : null;
  const start = Math.min(lagStart ?? latest.takenAt, since ?? latest.takenAt);
  const reachFrom = Math.max(start - REACH_BACK_MARGIN_MS, latest.takenAt - BASELINE_SPAN_MS);
  const baselineEnd = lagStart ?? since;

  // Persisted keyframes older than memory: for the reach-back and the day-long baseline.
  const oldestInMemory = memory[0]?.takenAt ?? latest.takenAt;
  const wantFrom = Math.min(reachFrom, baselineEnd !== null ? baselineEnd - BASELINE_SPAN_MS : reachFrom);
  const persisted = wantFrom < oldestInMemory ? project(await sampler.persistedKeyframes(wantFrom, oldestInMemory - 1, MAX_KEYFRAMES).catch(() => [])) : [];
  const older = [...persisted, ...olderMemory];
  const reachBack = older.filter((s) => s.takenAt >= reachFrom);

  let baseline: { history: ClusterSnapshot[]; label: string } | undefined;
  let weekAgo: "found" | "not-kept" | "missing" = sampler.retentionMs < WEEK_MS ? "not-kept" : "missing";
  if (baselineEnd !== null) {
    const before = [...older, ...window].filter((s) => s.takenAt <= baselineEnd && s.takenAt >= baselineEnd - BASELINE_SPAN_MS);
    const why = lagStart !== null ? "before the lag started" : "before the incident's impact start";
    if (before.length >= 2 && baselineEnd - before[0]!.takenAt >= MIN_BASELINE_MS) baseline = { history: before, label: `${hhmm(before[0]!.takenAt)}–${hhmm(baselineEnd)} UTC, ${why}` };
    if (weekAgo === "missing") {
      const center = baselineEnd - WEEK_MS;
      const week = project(await sampler.persistedKeyframes(center - 30 * 60_000, center + 30 * 60_000, 60).catch(() => []));
      if (week.length >= 2) {
        weekAgo = "found";
        baseline ??= { history: week, label: `${hhmm(week[0]!.takenAt)}–${hhmm(week[week.length - 1]!.takenAt)} UTC a week earlier` };
      }
    }
  }

  const signals = computeSignals(window, { seeds, reachBack, baseline });
  const knowledge = describeKnowledge({
    scope: { topics: scope.topics, groups: scope.groups },
    window,
    signals,
    rateWindowMs: RATE_WINDOW_MS,
    baselineLabel: baseline?.label ?? null,
    weekAgo,
    historyKeptMs: sampler.retentionMs,
    error,
    now: Date.now(),
  });
  if (!named) knowledge.known.unshift("the scope names no topic or group: the whole cluster is judged");
  const warnings = [...new Set([...(error ? [`Kafka could not be read: ${error}`] : []), ...latest.warnings.slice(0, 20)])];
  return {
    cluster,
    scope: { topics: [...scope.topics], groups: [...scope.groups] },
    source: "sampler",
    takenAt: latest.takenAt,
    signals,
    knowledge,
    sampler: state,
    window,
    reachBack,
    seeds,
    latest,
    warnings,
  };
}

/** The evidence of an incident: its scope, from before its impact start, on its cluster. */
export function readIncidentEvidence(
  incident: { cluster: string; scope: EvidenceScope; openedAt: string },
  keyTimes: { impactStart?: string; detected?: string } = {},
  opts: { fresh?: boolean } = {},
): Promise<ScopeEvidence> {
  const since = [keyTimes.impactStart, keyTimes.detected, incident.openedAt].map((t) => (t ? Date.parse(t) : NaN)).find((t) => Number.isFinite(t)) ?? null;
  return readScopeEvidence(incident.scope, { since, cluster: incident.cluster, fresh: opts.fresh });
}
