import "server-only";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { findCluster } from "@/lib/server/clusters/configured-clusters";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";
import { log } from "@/lib/server/log";
import { DrillKit } from "./kit";
import { drillRegistry } from "./registry";

/**
 * Drills whose server died before they stopped (SIGKILL, a crash, a host reboot) leave their
 * topics, groups and traffic-free consumers' offsets on the cluster, and their incident says
 * "Drill started" forever. A drill never outlives its deadline in a live server (it auto-stops
 * at the first tick past it, and its cleanup takes well under ABANDONED_AFTER_DEADLINE_MS), so a
 * drill still without a "drill-stopped" entry that long after its deadline is abandoned, whichever
 * instance started it: its topics and groups (named in its "drill-started" entry) are removed and
 * a "drill-stopped" entry says so. Any instance may sweep; the entry's idempotency key keeps one.
 *
 * Not restored: broker-wide changes (the overload drill's num.io.threads, the quota drill's client
 * quota): what the broker had before lived only in the dead process. The entry names them so an
 * operator can check.
 */
export const ABANDONED_AFTER_DEADLINE_MS = 2 * 60_000;

const startedPayload = z.object({
  deadline: z.string().datetime(),
  scenario: z.string().optional(),
  topics: z.array(z.string()).default([]),
  groups: z.array(z.string()).default([]),
});

/** Scenarios that change broker-wide settings the sweep cannot restore. */
const BROKER_WIDE: Record<string, string> = {
  "broker-overload": "num.io.threads on the target broker",
  "producer-quota": "a producer_byte_rate client quota on the drill's client id",
};

export interface SweptDrill {
  incidentId: string;
  topics: string[];
  groups: string[];
  complete: boolean;
}

export async function sweepAbandonedDrills(nowMs: number = Date.now()): Promise<SweptDrill[]> {
  const started = await db().incidentEntry.findMany({ where: { kind: "drill-started" }, select: { incidentId: true, payload: true, incident: { select: { cluster: true } } } });
  if (started.length === 0) return [];
  const stopped = new Set((await db().incidentEntry.findMany({ where: { kind: "drill-stopped", incidentId: { in: started.map((s) => s.incidentId) } }, select: { incidentId: true } })).map((s) => s.incidentId));
  const runningHere = new Set([...drillRegistry().drills.values()].map((d) => d.incidentId));
  const swept: SweptDrill[] = [];
  for (const entry of started) {
    if (stopped.has(entry.incidentId) || runningHere.has(entry.incidentId)) continue;
    const parsed = startedPayload.safeParse(JSON.parse(entry.payload));
    if (!parsed.success) continue;
    const drill = parsed.data;
    if (nowMs < Date.parse(drill.deadline) + ABANDONED_AFTER_DEADLINE_MS) continue;
    const cluster = findCluster(entry.incident.cluster);
    if (!cluster) continue; // a cluster this server does not read: another instance's to sweep
    const kit = await DrillKit.open({ brokers: cluster.kafka.brokers, log: (line) => log("info", line, { sweep: entry.incidentId }) }, "sweep");
    // Members of a killed process's consumers stay until their session times out (seconds):
    // Kafka refuses to delete a group with members, so try again on the next sweep.
    const described = drill.groups.length > 0 ? await kit.gateway.describeGroups(drill.groups).catch(() => null) : [];
    if (described === null || described.some((g) => g.members.length > 0)) {
      await kit.cleanup().catch(() => undefined); // nothing adopted yet: only closes its connections
      continue;
    }
    kit.topics.push(...drill.topics);
    kit.groups.push(...drill.groups);
    let problem: string | null = null;
    try {
      await kit.cleanup();
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const brokerWide = drill.scenario ? BROKER_WIDE[drill.scenario] : undefined;
    const what = `topics ${drill.topics.join(", ") || "none"}; groups ${drill.groups.join(", ") || "none"}`;
    await appendEntry({
      incidentId: entry.incidentId,
      kind: "drill-stopped",
      author: SYSTEM_AUTHOR,
      idempotencyKey: `drill-abandoned:${entry.incidentId}`,
      payload: {
        drill: true,
        ...(drill.scenario ? { scenario: drill.scenario } : {}),
        reason: "abandoned",
        cleanup: problem ? "incomplete" : "complete",
        error: problem,
        topics: drill.topics,
        groups: drill.groups,
        summary:
          `Drill stopped: the server running it stopped before the drill did (no stop recorded ${Math.round((nowMs - Date.parse(drill.deadline)) / 60_000)} min after its deadline). ` +
          (problem ? `Cleanup incomplete: ${problem}.` : `Removed what it created: ${what}.`) +
          (brokerWide ? ` Not restored (what the broker had lived only in that server): ${brokerWide} — check it.` : ""),
      },
    });
    swept.push({ incidentId: entry.incidentId, topics: drill.topics, groups: drill.groups, complete: problem === null });
  }
  return swept;
}
