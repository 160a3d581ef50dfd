import "server-only";
import { blastRadius } from "@/lib/domain/catalog/match";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { BlastRadiusView, GroupBlastRadiusView } from "@/lib/schemas/blast-radius";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { RATE_WINDOW_MS, readIncidentEvidence } from "@/lib/server/evidence/scope-evidence";
import { log } from "@/lib/server/log";
import { getIncident } from "./get-incident";

/** Older than the rate window, a sample no longer says who reads a topic "now". */
const MAX_SAMPLE_AGE_MS = RATE_WINDOW_MS;

type Live = { snapshot: ClusterSnapshot } | { reason: string };

/**
 * The newest full sample behind the incident's evidence (the scope-evidence service), or why
 * there is none usable. Never throws: the blast radius still answers from the catalog when
 * Kafka is down, unconfigured or not sampled yet.
 */
async function newestSample(incident: { cluster: string; scope: { topics: string[]; groups: string[] }; openedAt: string }, now = Date.now()): Promise<Live> {
  try {
    const evidence = await readIncidentEvidence(incident);
    const latest = evidence.latest;
    const error = evidence.sampler?.lastError ?? null;
    // After a failed attempt the last good sample may describe a cluster that has since changed:
    // calling its groups "seen live" would be a claim Ripcord cannot back.
    if (error) return { reason: `Kafka could not be read: ${error.message}${latest ? ` (last good sample ${formatDuration((now - latest.takenAt) / 1000)} ago)` : ""}` };
    if (!latest) return { reason: evidence.knowledge.unknown[0] ?? "no sample of the cluster yet: the first collection is still running" };
    if (now - latest.takenAt > MAX_SAMPLE_AGE_MS) return { reason: `the newest sample of the cluster is ${formatDuration((now - latest.takenAt) / 1000)} old` };
    return { snapshot: latest };
  } catch (error) {
    // A bug worth seeing in the log, but still no reason to hide the catalog's answer.
    log("error", "blast radius: reading the evidence failed", { error });
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
  const [entries, live] = await Promise.all([listCatalogEntries(), incident.scope.groups.length ? newestSample(incident) : Promise.resolve(null)]);
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
