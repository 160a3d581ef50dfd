import "server-only";
import { createHash } from "node:crypto";
import { breachAlert, breachPayload } from "@/lib/domain/freshness/breach";
import { DEFAULT_THRESHOLDS, evaluateStream, HEALTHY, stepWatch, type StreamWatchState, type WatchThresholds } from "@/lib/domain/freshness/rules";
import { watchedStreams, type WatchedStream } from "@/lib/domain/freshness/streams";
import { FRESHNESS_BREACH_KIND, type FreshnessBreachPayload } from "@/lib/domain/freshness/types";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { IncidentScope } from "@/lib/domain/incidents/types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { ingestAlertsAs } from "@/lib/server/alerts/ingest-alerts";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { clusterOf, configuredCluster } from "@/lib/server/evidence/cluster-identity";
import { readScopeEvidence } from "@/lib/server/evidence/scope-evidence";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";
import { log } from "@/lib/server/log";
import { closeOpenProposals, proposeBreach } from "./propose-breach";

/**
 * The freshness watch (docs/freshness-watch.md): after every sample of a cluster — called by the
 * sampler's onSample, so with several instances on PostgreSQL only the cluster's sampler leader
 * runs it — every catalogued stream is judged by the pure rules (lib/domain/freshness) on the
 * evidence of the one scope-evidence service. A breach joins an open incident whose scope names
 * the group, or opens one through the alert intake (the one incident-opening path: scope,
 * routing, owners, notifications), impact start = where the evidence puts the breach's start.
 * A stream whose catalog entry says "propose" gets a stored proposal instead, which a person
 * opens or dismisses from the incident list (lib/server/freshness/open-proposal.ts).
 * The breach/recovery state lives per process (a new leader finds the incident by its scope).
 * Never throws: the watch must not break sampling.
 */

interface Watched {
  watch: StreamWatchState;
  /** the incident this breach opened or joined; null until it has one */
  incidentId: string | null;
  /** the breach payload at detection (what the incident keeps) */
  breach: FreshnessBreachPayload | null;
  /** the proposal this breach made for a person (catalog onBreach "propose"); null if none */
  proposalId?: string | null;
}

const KEY = Symbol.for("ripcord.freshness.watch");
const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, Map<string, Watched>> };
const OPEN_STATUSES = ["detection", "triage", "mitigation", "resolution"];

function statesOf(cluster: string): Map<string, Watched> {
  holder[KEY] ??= new Map();
  let states = holder[KEY].get(cluster);
  if (!states) holder[KEY].set(cluster, (states = new Map()));
  return states;
}

export function watchThresholds(): WatchThresholds {
  const e = env();
  return {
    ...DEFAULT_THRESHOLDS,
    noCommitSeconds: e.RIPCORD_WATCH_NO_COMMIT_SECONDS,
    zeroThroughputSeconds: e.RIPCORD_WATCH_ZERO_THROUGHPUT_SECONDS,
    recoverySeconds: e.RIPCORD_WATCH_RECOVERY_SECONDS,
  };
}

const key = (...parts: string[]) => `freshness:${createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 40)}`;

export async function watchFreshness(history: readonly ClusterSnapshot[], opts: { cluster?: string } = {}): Promise<void> {
  try {
    if (env().RIPCORD_FRESHNESS_WATCH === "off") return;
    const latest = history[history.length - 1];
    if (!latest) return;
    const cluster = clusterOf(opts.cluster);
    const streams = watchedStreams(await listCatalogEntries(), latest);
    if (streams.length === 0) return;
    // One evidence source: the scope-evidence service over every watched group at once.
    const evidence = await readScopeEvidence({ topics: [], groups: streams.map((s) => s.group) }, { cluster });
    if (!evidence.signals || evidence.takenAt === null) return;
    const signals = evidence.signals;
    const takenAt = evidence.takenAt;
    const thresholds = watchThresholds();
    const states = statesOf(cluster);
    for (const stream of streams) {
      const group = signals.groups.find((g) => g.groupId === stream.group);
      if (!group) continue;
      const trips = evaluateStream(group, stream, thresholds, { takenAt, sampleIntervalMs: env().RIPCORD_SAMPLE_INTERVAL_MS, windowSeconds: signals.windowSeconds });
      const prev = states.get(stream.group) ?? { watch: HEALTHY, incidentId: null, breach: null };
      const { next, event } = stepWatch(prev.watch, trips, takenAt, thresholds);
      const current: Watched = { ...prev, watch: next };
      if (event === "breach") {
        current.incidentId = null;
        current.breach = null;
        current.proposalId = null;
      }
      if (event === "recovered") {
        if (prev.incidentId) await recordRecovery(prev.incidentId, stream, prev.watch, takenAt);
        await closeOpenProposals(cluster, stream.group, "recovered").catch(() => 0);
        states.set(stream.group, { watch: next, incidentId: null, breach: null, proposalId: null });
        continue;
      }
      if (next.status === "breached" && current.incidentId === null && !current.proposalId && next.breachStartedAt !== null && next.detectedAt !== null) {
        // Also retried on the next sample when opening failed (the database was busy, say).
        const moment = { cluster, stream, group, rules: next.rules, breachStartedAt: next.breachStartedAt, detectedAt: next.detectedAt, takenAt, samples: signals.samples, windowSeconds: signals.windowSeconds };
        const opened = await actOnBreach(cluster, stream, moment).catch((error: unknown) => {
          log("warn", "freshness watch: acting on a breach failed", { cluster, group: stream.group, error: error instanceof Error ? error.message : String(error) });
          return null;
        });
        if (opened && "proposalId" in opened) current.proposalId = opened.proposalId;
        else if (opened) {
          current.incidentId = opened.incidentId;
          current.breach = opened.breach;
        }
      }
      states.set(stream.group, current);
    }
  } catch (error) {
    log("warn", "freshness watch: evaluation failed", { cluster: opts.cluster ?? null, error: error instanceof Error ? error.message : String(error) });
  }
}

/** An open incident of the cluster whose scope names the group (opened by an alert, by hand or by an earlier breach). */
async function openIncidentNaming(cluster: string, group: string): Promise<string | null> {
  const clusters = cluster === configuredCluster() ? [cluster, "default"] : [cluster];
  const rows = await db().incident.findMany({ where: { status: { in: OPEN_STATUSES }, cluster: { in: clusters } }, select: { id: true, scope: true }, orderBy: { openedAt: "asc" } });
  return rows.find((r) => (JSON.parse(r.scope) as IncidentScope).groups.includes(group))?.id ?? null;
}

async function actOnBreach(cluster: string, stream: WatchedStream, moment: Omit<Parameters<typeof breachPayload>[0], "episode">): Promise<{ incidentId: string; breach: FreshnessBreachPayload } | { proposalId: string } | null> {
  let incidentId = await openIncidentNaming(cluster, stream.group);
  let episode: "first" | "again" = "first";
  if (incidentId) {
    const earlier = await db().incidentEntry.findMany({ where: { incidentId, kind: FRESHNESS_BREACH_KIND }, select: { payload: true } });
    if (earlier.some((e) => (JSON.parse(e.payload) as { group?: string }).group === stream.group)) episode = "again";
    // An incident naming the group answers the question a proposal would ask.
    await closeOpenProposals(cluster, stream.group, "joined", incidentId);
  } else if (stream.onBreach === "open") {
    const first = breachPayload({ ...moment, episode });
    const intake = await ingestAlertsAs([breachAlert(first)], SYSTEM_AUTHOR, new Date(moment.detectedAt));
    incidentId = intake.incidents[0]?.id ?? null;
  } else {
    // onBreach "propose": a person opens it (or dismisses it) from the incident list.
    const proposalId = await proposeBreach(breachPayload({ ...moment, episode }));
    log("info", "freshness watch: breach proposed for a person to open", { cluster, group: stream.group, proposalId });
    return { proposalId };
  }
  if (!incidentId) return null;
  const breach = breachPayload({ ...moment, episode });
  await appendEntry({
    incidentId,
    kind: "freshness-breach",
    item: null,
    idempotencyKey: key("breach", incidentId, stream.group, String(moment.detectedAt)),
    author: SYSTEM_AUTHOR,
    payload: breach,
  });
  log("info", "freshness watch: breach", { cluster, group: stream.group, incidentId, episode, breachStartedAt: breach.breachStartedAt, detectedAt: breach.detectedAt });
  return { incidentId, breach };
}

async function recordRecovery(incidentId: string, stream: WatchedStream, watch: StreamWatchState, takenAt: number): Promise<void> {
  const healthySince = watch.healthySince ?? takenAt;
  const healthySeconds = Math.round((takenAt - healthySince) / 1000);
  await appendEntry({
    incidentId,
    kind: "freshness-recovered",
    item: null,
    idempotencyKey: key("recovered", incidentId, stream.group, String(watch.detectedAt ?? 0)),
    author: SYSTEM_AUTHOR,
    payload: { group: stream.group, recoveredAt: new Date(takenAt).toISOString(), healthySeconds, summary: `${stream.group} tripped no freshness rule for ${formatDuration(healthySeconds)}` },
  }).catch((error: unknown) => log("warn", "freshness watch: recording a recovery failed", { incidentId, group: stream.group, error: error instanceof Error ? error.message : String(error) }));
}
