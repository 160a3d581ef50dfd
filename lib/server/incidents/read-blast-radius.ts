import "server-only";
import { blastRadius } from "@/lib/domain/catalog/match";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { BlastRadiusView, GroupBlastRadiusView } from "@/lib/schemas/blast-radius";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { SIGNAL_WINDOW_MS } from "@/lib/server/evidence/read-cluster";
import { KafkaGatewayError } from "@/lib/server/kafka/errors";
import { log } from "@/lib/server/log";
import { getIncident } from "./get-incident";

/** As long as the Cluster API waits for a first sample: the panel must not hang on a dead broker. */
const FIRST_SAMPLE_WAIT_MS = 4_000;
/** Older than the signal window, a sample no longer says who reads a topic "now". */
const MAX_SAMPLE_AGE_MS = SIGNAL_WINDOW_MS;

type Live = { snapshot: ClusterSnapshot } | { reason: string };

const ago = (ms: number) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/**
 * The evidence sampler's newest sample, or why there is none usable. Never throws: the blast
 * radius still answers from the catalog when Kafka is down, unconfigured or not sampled yet.
 */
async function newestSample(now = Date.now()): Promise<Live> {
  try {
    const sampler = getSampler();
    await sampler.ready(FIRST_SAMPLE_WAIT_MS);
    const latest = sampler.latest();
    const error = sampler.status().lastError;
    // After a failed attempt the last good sample may describe a cluster that has since changed:
    // calling its groups "seen live" would be a claim Ripcord cannot back.
    if (error) return { reason: `Kafka could not be read: ${error.message}${latest ? ` (last good sample ${ago(now - latest.takenAt)} ago)` : ""}` };
    if (!latest) return { reason: "no sample of the cluster yet: the first collection is still running" };
    if (now - latest.takenAt > MAX_SAMPLE_AGE_MS) return { reason: `the newest sample of the cluster is ${ago(now - latest.takenAt)} old` };
    return { snapshot: latest };
  } catch (error) {
    if (error instanceof KafkaGatewayError) return { reason: `Kafka could not be read: ${error.message}` };
    // Anything else is a bug worth seeing in the log, but still no reason to hide the catalog's answer.
    log("error", "blast radius: reading the evidence sampler failed", { error });
    return { reason: "the evidence sampler failed (details in the server log)" };
  }
}

/**
 * The blast radius of an incident: for each consumer group in its scope, which services read
 * the same topics. Topics and live readers come from the sampler's newest sample (a group's
 * committed offsets); the catalog names their services, teams and tiers, and adds readers it
 * knows of that Kafka does not show. 404 for an unknown incident; Kafka trouble only narrows the
 * answer to the catalog (`source: "catalog-only"` with the reason).
 */
export async function readBlastRadius(incidentId: string): Promise<BlastRadiusView> {
  const { incident } = await getIncident(incidentId);
  const [entries, live] = await Promise.all([listCatalogEntries(), incident.scope.groups.length ? newestSample() : Promise.resolve(null)]);
  const snapshot = live && "snapshot" in live ? live.snapshot : null;
  const liveGroups = (snapshot?.groups ?? []).map((g) => ({ groupId: g.groupId, topics: [...new Set(g.offsets.map((o) => o.topic))], state: g.state, members: g.members.length }));
  const byId = new Map(liveGroups.map((g) => [g.groupId, g]));

  const groups = incident.scope.groups.map((group): GroupBlastRadiusView => {
    const own = byId.get(group);
    // A group Kafka shows without committed offsets reads nothing yet: its catalog reads say more.
    const groupTopics = own && own.topics.length ? own.topics : undefined;
    const radius = blastRadius(entries, group, { groupTopics, liveGroups });
    return {
      ...radius,
      topicsFrom: groupTopics ? "kafka" : radius.topics.length ? "catalog" : "none",
      readers: radius.readers.map((r) => {
        const seen = r.source === "kafka" ? byId.get(r.group) : undefined;
        return { ...r, state: seen?.state ?? null, members: seen?.members ?? null };
      }),
    };
  });

  return {
    incidentId,
    source: snapshot ? "kafka" : "catalog-only",
    reason: live === null ? "the incident names no consumer group" : "reason" in live ? live.reason : null,
    takenAt: snapshot ? new Date(snapshot.takenAt).toISOString() : null,
    catalogEntries: entries.length,
    groups,
  };
}
