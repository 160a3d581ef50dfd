import "server-only";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { keepIncidentEvidence, keepMilestones } from "@/lib/server/evidence/keep-evidence";
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
  holder[KEY] = subscribeList((event) => {
    const run = (what: string, work: () => Promise<unknown>) =>
      void work().catch((error: unknown) => log("warn", `incident log watcher: ${what} failed`, { incidentId: event.incidentId, error: error instanceof Error ? error.message : String(error) }));
    if (event.kind === "incident-opened") run("the work at open", async () => {
      await attachScopeEvents(event.incidentId);
      await proposeAtOpen(event.incidentId);
      await keepIncidentEvidence(event.incidentId, "opened");
    });
    else if (event.kind === "severity-set") run("keeping the evidence of a severity decision", () => keepIncidentEvidence(event.incidentId, "severity", event.seq));
    else if (event.kind === "status-changed" || event.kind === "key-time-set") run("keeping the evidence of a milestone", () => keepMilestones(event.incidentId));
  });
}

/**
 * The severity proposal at open: when the sampler has not seen the incident's scope yet it is
 * asked for a sample now (the sampler's own, shared by everyone; nothing is sampled for the
 * proposal alone), then the proposal is evaluated and kept (refresh-proposal.ts).
 */
export async function proposeAtOpen(incidentId: string): Promise<void> {
  const detail = await getIncident(incidentId);
  const sampler = getSampler();
  const latest = sampler.latest();
  const { topics, groups } = detail.incident.scope;
  const seen = latest !== null && groups.every((g) => latest.groups.some((x) => x.groupId === g)) && topics.every((t) => latest.topics.some((x) => x.name === t));
  if (!seen) await sampler.collectNow();
  await refreshProposal(incidentId);
}
