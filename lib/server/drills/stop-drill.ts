import "server-only";
import type { DrillView } from "@/lib/schemas/drills";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf, SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";
import { log } from "@/lib/server/log";
import { drillRegistry, pruneFinished, toDrillView, type DrillRecord } from "./registry";

/**
 * Stops a drill: stops its sampling, then the scenario removes everything it created (traffic,
 * consumers, config changes, groups, topics). The incident stays open for the walk-through and
 * the review; a "drill-stopped" entry records who stopped it, why, the injected cause (the
 * game-day answer) and whether cleanup was complete. Stopping twice returns the same result.
 */
export async function stopDrill(id: string, principal: Principal | null, reason: "stopped" | "deadline" = "stopped"): Promise<DrillView> {
  const d = drillRegistry().drills.get(id);
  if (!d) throw new AppError("NOT_FOUND", `no drill ${id} in this server (drills are kept in memory)`);
  if (d.stopping) return d.stopping;
  if (d.state !== "running") return toDrillView(d);
  d.stopping = doStop(d, principal, reason);
  return d.stopping;
}

async function doStop(d: DrillRecord, principal: Principal | null, reason: "stopped" | "deadline"): Promise<DrillView> {
  d.state = "stopping";
  if (d.timer) clearTimeout(d.timer);
  d.timer = null;
  await d.step?.catch(() => undefined);
  try {
    await d.running.stop();
    d.state = "stopped";
  } catch (error) {
    d.state = "failed";
    d.error = error instanceof Error ? error.message : String(error);
    log("error", "drill cleanup incomplete", { drill: d.id, error: d.error });
  }
  d.stoppedAt = Date.now();
  d.stopReason = reason === "deadline" ? "duration reached" : `stopped by ${principal?.name ?? "Ripcord"}`;
  const cause = d.scenario.injectedCause ?? "none (healthy baseline)";
  const cleanup = d.state === "stopped" ? "every topic, group and config change it made was removed" : `cleanup incomplete: ${d.error}`;
  await appendEntry({
    incidentId: d.incidentId,
    kind: "drill-stopped",
    author: principal ? authorOf(principal) : SYSTEM_AUTHOR,
    payload: {
      drill: true,
      scenario: d.scenario.id,
      reason,
      injectedCause: d.scenario.injectedCause,
      cleanup: d.state === "stopped" ? "complete" : "incomplete",
      error: d.error,
      topics: [...d.running.topics],
      groups: [...d.running.groups],
      summary: `Drill stopped (${d.stopReason}); ${cleanup}. Scenario: ${d.scenario.title} (${d.scenario.seed}); injected cause: ${cause}.`,
    },
  }).catch((error: unknown) => log("warn", "drill-stopped entry not written", { drill: d.id, error: String(error) }));
  pruneFinished();
  return toDrillView(d);
}
