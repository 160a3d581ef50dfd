import "server-only";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { db } from "@/lib/server/db";
import { keepIncidentEvidence, keepMilestones } from "@/lib/server/evidence/keep-evidence";
import { followList } from "@/lib/server/live/feed";
import { subscribeList } from "@/lib/server/live/hub";
import { log } from "@/lib/server/log";
import { attachScopeEvents } from "./attach-scope-events";
import { getIncident } from "./get-incident";
import { refreshProposal } from "./refresh-proposal";

const KEY = Symbol.for("ripcord.incidents.watchIncidentLog");
const holder = globalThis as typeof globalThis & { [KEY]?: () => void };

/**
 * Automatic work driven by the log itself, whatever append path wrote the entry (by hand, an
 * alert, a drill):
 *  - an opening finds the deploy / schema / config events recorded for its scope before it
 *    (attach-scope-events.ts), gets its severity proposal at once (proposeAtOpen) and keeps
 *    its evidence;
 *  - a severity decision keeps the evidence it was taken on;
 *  - reaching mitigated / resolved (a status change or a key time) keeps the evidence then.
 * Registered once per process, with the sampler (get-sampler.ts). Never throws.
 */
export function watchIncidentLog(): void {
  if (holder[KEY]) return;
  // The list feed says "incident X reached seq n" (one event per commit, which may hold several
  // entries, from this instance or another): the entries that matter here are read back.
  holder[KEY] = subscribeList((event) =>
    void newWatchedEntries(event.incidentId, event.seq)
      .then((entries) => {
        for (const entry of entries) react(event.incidentId, entry);
      })
      .catch((error: unknown) => log("warn", "incident log watcher: reading the new entries failed", { incidentId: event.incidentId, error: error instanceof Error ? error.message : String(error) })),
  );
  // On PostgreSQL the list feed hears commits by LISTEN, also when no browser follows the list.
  void followList().catch((error: unknown) => log("warn", "incident log watcher: listening for commits failed", { error: error instanceof Error ? error.message : String(error) }));
}

const WATCHED_KINDS = ["incident-opened", "severity-set", "status-changed", "key-time-set"];
/** How far below the announced seq one commit's entries can reach (an opening writes a few at once). */
const COMMIT_LOOK_BACK = 20;
const HANDLED_LIMIT = 10_000;
const handled = new Set<string>();

async function newWatchedEntries(incidentId: string, seq: number): Promise<{ seq: number; kind: string }[]> {
  const rows = await db().incidentEntry.findMany({
    where: { incidentId, seq: { gt: seq - COMMIT_LOOK_BACK, lte: seq }, kind: { in: WATCHED_KINDS } },
    select: { seq: true, kind: true },
    orderBy: { seq: "asc" },
  });
  return rows.filter((row) => {
    const id = `${incidentId}\u0000${row.seq}`;
    if (handled.has(id)) return false;
    handled.add(id);
    if (handled.size > HANDLED_LIMIT) handled.delete(handled.values().next().value as string);
    return true;
  });
}

function react(incidentId: string, entry: { seq: number; kind: string }): void {
  const run = (what: string, work: () => Promise<unknown>) =>
    void work().catch((error: unknown) => log("warn", `incident log watcher: ${what} failed`, { incidentId, error: error instanceof Error ? error.message : String(error) }));
  if (entry.kind === "incident-opened") run("the work at open", async () => {
    await attachScopeEvents(incidentId);
    await proposeAtOpen(incidentId);
    await keepIncidentEvidence(incidentId, "opened");
  });
  else if (entry.kind === "severity-set") run("keeping the evidence of a severity decision", () => keepIncidentEvidence(incidentId, "severity", entry.seq));
  else run("keeping the evidence of a milestone", () => keepMilestones(incidentId));
}

/**
 * The severity proposal at open: when the sampler has not seen the incident's scope yet it is
 * asked for a sample now (the sampler's own, shared by everyone; nothing is sampled for the
 * proposal alone), then the proposal is evaluated and kept (refresh-proposal.ts).
 */
export async function proposeAtOpen(incidentId: string): Promise<void> {
  const detail = await getIncident(incidentId);
  const sampler = getSampler(detail.incident.cluster);
  const latest = sampler.latest();
  const { topics, groups } = detail.incident.scope;
  const seen = latest !== null && groups.every((g) => latest.groups.some((x) => x.groupId === g)) && topics.every((t) => latest.topics.some((x) => x.name === t));
  if (!seen) await sampler.collectNow();
  await refreshProposal(incidentId);
}
