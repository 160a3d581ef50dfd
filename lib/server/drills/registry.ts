import "server-only";
import type { DrillView } from "@/lib/schemas/drills";
import type { RunningScenario, Scenario } from "./kit";

/**
 * The drills this process runs (kept on globalThis so a dev hot reload does not lose them).
 * At most MAX_RUNNING at a time; the last KEEP_FINISHED stopped ones stay listed.
 */
export const MAX_RUNNING = 2;
export const KEEP_FINISHED = 20;
/** ms between the drill's own samples (they move the scenario through its phases). */
export const TICK_MS = 1_500;

export interface DrillRecord {
  id: string;
  scenario: Scenario;
  cluster: string;
  incidentId: string;
  gameDay: boolean;
  state: DrillView["state"];
  startedAt: number;
  deadline: number;
  stoppedAt: number | null;
  stopReason: string | null;
  startedBy: string;
  established: boolean;
  error: string | null;
  running: RunningScenario;
  timer: NodeJS.Timeout | null;
  /** the sampling step in flight (stop waits for it) */
  step: Promise<void> | null;
  /** how many of the scenario's timeline events are already in the incident */
  eventsRecorded: number;
  stopping: Promise<DrillView> | null;
}

interface Registry {
  drills: Map<string, DrillRecord>;
  /** starts in progress (they count against MAX_RUNNING) */
  starting: number;
}

const KEY = Symbol.for("ripcord.drills.registry");
const holder = globalThis as typeof globalThis & { [KEY]?: Registry };

export function drillRegistry(): Registry {
  holder[KEY] ??= { drills: new Map(), starting: 0 };
  return holder[KEY];
}

export function activeCount(): number {
  const r = drillRegistry();
  return r.starting + [...r.drills.values()].filter((d) => d.state === "running" || d.state === "stopping").length;
}

/** Drops the oldest finished drills past KEEP_FINISHED. */
export function pruneFinished(): void {
  const r = drillRegistry();
  const finished = [...r.drills.values()].filter((d) => d.state === "stopped" || d.state === "failed").sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0));
  for (const d of finished.slice(KEEP_FINISHED)) r.drills.delete(d.id);
}

const HIDDEN = "hidden";

export function toDrillView(d: DrillRecord): DrillView {
  const revealed = !d.gameDay || d.state === "stopped" || d.state === "failed";
  return {
    id: d.id,
    // A running game-day drill names nothing that gives the scenario away.
    scenario: revealed ? d.scenario.id : HIDDEN,
    title: revealed ? d.scenario.title : "Game-day drill (scenario hidden until it stops)",
    seed: revealed ? d.scenario.seed : HIDDEN,
    cluster: d.cluster,
    incidentId: d.incidentId,
    gameDay: d.gameDay,
    injectedCause: revealed ? d.scenario.injectedCause : null,
    state: d.state,
    startedAt: new Date(d.startedAt).toISOString(),
    deadline: new Date(d.deadline).toISOString(),
    stoppedAt: d.stoppedAt ? new Date(d.stoppedAt).toISOString() : null,
    stopReason: d.stopReason,
    startedBy: d.startedBy,
    topics: [...d.running.topics],
    groups: [...d.running.groups],
    established: d.established,
    error: d.error,
  };
}
