import "server-only";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { IncidentScope } from "@/lib/domain/incidents/types";
import { getGateway } from "@/lib/server/kafka/registry";

/**
 * Snapshot history of one incident's scope, taken by the diagnosis itself: the fallback used
 * when the cluster's evidence sampler has no history of the scope yet (a group that appeared a
 * moment ago). Rates and "frozen offsets" need at least two snapshots, so the first call takes
 * two, GAP_MS apart; later calls add one when the newest is older than REUSE_MS, so the history
 * grows while people look at the tree. Kept in memory per scope (one process), MAX_AGE_MS deep.
 */
const GAP_MS = 2_000;
const REUSE_MS = 3_000;
const MAX_AGE_MS = 10 * 60_000;
const MAX_SAMPLES = 60;

interface Ring {
  snapshots: ClusterSnapshot[];
  inflight: Promise<ClusterSnapshot[]> | null;
}
const KEY = Symbol.for("ripcord.diagnosis.incidentSnapshots");
const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, Ring> };

export function collectOptionsFor(scope: IncidentScope): { topics?: string[]; groups?: string[] } {
  return { topics: scope.topics.length ? [...scope.topics].sort() : undefined, groups: scope.groups.length ? [...scope.groups].sort() : undefined };
}

export async function incidentSnapshots(scope: IncidentScope, opts: { fresh?: boolean } = {}): Promise<ClusterSnapshot[]> {
  const collect = collectOptionsFor(scope);
  const rings: Map<string, Ring> = (holder[KEY] ??= new Map<string, Ring>());
  const key = JSON.stringify(collect);
  let ring: Ring | undefined = rings.get(key);
  if (!ring) rings.set(key, (ring = { snapshots: [], inflight: null }));
  if (ring.inflight) return ring.inflight;
  const r = ring;
  r.inflight = (async () => {
    const take = async () => {
      const s = await getGateway().collectSnapshot(collect);
      r.snapshots.push(s);
    };
    const last = r.snapshots[r.snapshots.length - 1];
    if (!last || opts.fresh || Date.now() - last.takenAt > REUSE_MS) await take();
    if (r.snapshots.length < 2) {
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
      await take();
    }
    const newest = r.snapshots[r.snapshots.length - 1]?.takenAt ?? Date.now();
    r.snapshots = r.snapshots.filter((s) => s.takenAt >= newest - MAX_AGE_MS).slice(-MAX_SAMPLES);
    return [...r.snapshots];
  })().finally(() => {
    r.inflight = null;
  });
  return r.inflight;
}
