import "server-only";
import type { ClusterOverview, GroupDetail, HistoryResponse, TopicDetail } from "@/lib/schemas/cluster";
import { AppError, notFound } from "../http/errors";
import { KafkaGatewayError, type KafkaErrorCode } from "../kafka/errors";
import { buildOverview, buildTopicDetail, emptyOverview, groupDetailFrom, type OverviewData } from "./build-views";
import { getSampler } from "./get-sampler";
import { groupSeries } from "./group-series";
import { topicSeries } from "./topic-series";
import { indexOf, projectHistory, thin, topicsOfGroup } from "./project-history";
import { RATE_WINDOW_MS, readScopeEvidence } from "./scope-evidence";
import type { EvidenceSampler } from "./sampler";
import { samplerState } from "./sampler-state";

/**
 * The Cluster API's reads. Each starts the sampler if needed and waits briefly for a first
 * sample. With no sample at all and a failed attempt it throws the Kafka error (503/504); with
 * older data it answers that data, its age and the error (the page keeps it on screen).
 * Each takes the cluster's name (lib/server/clusters/require-cluster.ts checked it is configured).
 */

/** Signals (status, rates, drain) are computed over this much of the newest history: the scope-evidence service's window. */
export const SIGNAL_WINDOW_MS = RATE_WINDOW_MS;
const FIRST_SAMPLE_WAIT_MS = 4_000;

const overviewCache = new WeakMap<EvidenceSampler, { key: string; value: OverviewData }>();

async function sampler(cluster: string): Promise<EvidenceSampler> {
  const s = getSampler(cluster);
  await s.ready(FIRST_SAMPLE_WAIT_MS);
  if (!s.latest()) {
    const error = s.status().lastError;
    if (error) throw new KafkaGatewayError(error.code as KafkaErrorCode, error.message);
  }
  return s;
}

function dataKey(s: EvidenceSampler): string {
  const h = s.history();
  return `${h.length}:${h[h.length - 1]?.takenAt ?? 0}:${s.seeds().length}`;
}

export async function readClusterOverview(cluster: string): Promise<ClusterOverview> {
  const s = await sampler(cluster);
  if (!s.latest()) return { sampler: samplerState(s), ...emptyOverview() };
  const key = dataKey(s);
  let cached = overviewCache.get(s);
  if (!cached || cached.key !== key) {
    cached = { key, value: buildOverview(s.history(), s.seeds(), SIGNAL_WINDOW_MS) };
    overviewCache.set(s, cached);
  }
  return { sampler: samplerState(s), ...cached.value };
}

const MAX_POINTS = 360;

async function seriesHistory(s: EvidenceSampler, minutes: number | undefined) {
  const memory = s.history();
  const last = memory[memory.length - 1];
  if (!last || minutes === undefined) return memory;
  const from = last.takenAt - minutes * 60_000;
  const oldestInMemory = memory[0]?.takenAt ?? last.takenAt;
  if (from >= oldestInMemory) return memory.filter((x) => x.takenAt >= from);
  const older = await s.persistedHistory(from, oldestInMemory - 1, Math.max(1, Math.floor((minutes * 60_000) / s.fastMs / MAX_POINTS)));
  return [...older, ...memory];
}

/** A group's detail: its numbers from the scope-evidence service (the same as every incident judgement), its charts from the history. */
export async function readGroupDetail(cluster: string, groupId: string, minutes?: number): Promise<GroupDetail> {
  const s = await sampler(cluster);
  const latest = s.latest();
  if (!latest) throw new AppError("KAFKA_UNAVAILABLE", "no sample of the cluster yet: the first collection is still running");
  const evidence = await readScopeEvidence({ topics: [], groups: [groupId] }, { cluster });
  const signals = evidence.signals?.groups.find((g) => g.groupId === groupId);
  if (!signals) throw notFound(`consumer group "${groupId}"`);
  const series = thin(await seriesHistory(s, minutes), MAX_POINTS);
  return { sampler: samplerState(s), ...groupDetailFrom(signals, indexOf(latest).groups.get(groupId) ?? evidence.window.at(-1)?.groups.find((g) => g.groupId === groupId), series, s.seeds()) };
}

export async function readTopicDetail(cluster: string, topic: string): Promise<TopicDetail> {
  const s = await sampler(cluster);
  if (!s.latest()) throw new AppError("KAFKA_UNAVAILABLE", "no sample of the cluster yet: the first collection is still running");
  const detail = buildTopicDetail(s.history(), topic, s.seeds(), SIGNAL_WINDOW_MS);
  if (!detail) throw notFound(`topic "${topic}"`);
  return { sampler: samplerState(s), ...detail };
}

/** A group's (or topic's) series over the persisted history plus memory, thinned to `points`. */
export async function readHistory(cluster: string, q: { group?: string; topic?: string; minutes: number; points: number }): Promise<HistoryResponse> {
  const s = await sampler(cluster);
  const to = s.latest()?.takenAt ?? Date.now();
  const from = to - q.minutes * 60_000;
  const history = thin(await seriesHistory(s, q.minutes), q.points);
  let points: HistoryResponse["points"];
  if (q.group) {
    points = groupSeries(projectHistory(history, topicsOfGroup(history, q.group), [q.group]), q.group, s.seeds());
  } else {
    points = topicSeries(history, q.topic!).map((p) => ({ at: p.at, lag: null, timeLagSeconds: null, inputRatePerSec: p.inputRatePerSec, consumeRatePerSec: null }));
  }
  return { sampler: samplerState(s), from, to, group: q.group ?? null, topic: q.topic ?? null, points };
}
