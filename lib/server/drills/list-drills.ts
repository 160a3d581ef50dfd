import "server-only";
import type { DrillView, ScenarioView } from "@/lib/schemas/drills";
import { AppError } from "@/lib/server/http/errors";
import { prometheusConfigFromEnv } from "@/lib/server/prometheus/registry";
import { drillRegistry, toDrillView } from "./registry";
import { SCENARIOS } from "./scenarios";

/** Drills of this process, running first, then the most recently stopped. */
export function listDrills(): DrillView[] {
  return [...drillRegistry().drills.values()]
    .map(toDrillView)
    .sort((a, b) => Number(b.state === "running") - Number(a.state === "running") || b.startedAt.localeCompare(a.startedAt));
}

export function getDrill(id: string): DrillView {
  const d = drillRegistry().drills.get(id);
  if (!d) throw new AppError("NOT_FOUND", `no drill ${id} in this server (drills are kept in memory)`);
  return toDrillView(d);
}

/** Scenarios the page can start (broker-down needs node control of a 3-node cluster: CLI only). */
export function listScenarios(): ScenarioView[] {
  const metricsConfigured = prometheusConfigFromEnv() !== null;
  return SCENARIOS.map((s) => ({ id: s.id, title: s.title, seed: s.seed, needsNodes: s.needsNodes, needsMetrics: s.needsMetrics === true, metricsConfigured, injectedCause: s.injectedCause }));
}
