import { describe, expect, it } from "vitest";
import type { RunningScenario } from "./kit";
import { toDrillView, type DrillRecord } from "./registry";
import { retention } from "./scenarios";

function record(over: Partial<DrillRecord> = {}): DrillRecord {
  const running = { topics: ["drill-retention-abc123-audit"], groups: ["drill-retention-abc123-g"] } as unknown as RunningScenario;
  return {
    id: "drill_1",
    scenario: retention,
    cluster: "local",
    incidentId: "inc_1",
    gameDay: true,
    state: "running",
    startedAt: Date.parse("2026-11-24T06:00:00Z"),
    deadline: Date.parse("2026-11-24T06:10:00Z"),
    stoppedAt: null,
    stopReason: null,
    startedBy: "Ada",
    established: false,
    error: null,
    running,
    timer: null,
    step: null,
    eventsRecorded: 0,
    stopping: null,
    ...over,
  };
}

describe("toDrillView", () => {
  it("hides the injected cause of a running game-day drill and reveals it once stopped", () => {
    expect(toDrillView(record()).injectedCause).toBeNull();
    expect(toDrillView(record({ state: "stopping" })).injectedCause).toBeNull();
    expect(toDrillView(record({ state: "stopped", stoppedAt: Date.now() })).injectedCause).toBe("topic.retention-too-short");
    expect(toDrillView(record({ state: "failed", stoppedAt: Date.now() })).injectedCause).toBe("topic.retention-too-short");
  });

  it("names nothing of the scenario while a game-day drill runs: id, title and seed come back once stopped", () => {
    // start-drill names a game-day run's topics and groups drill-gameday-…
    const gameDayNames = { topics: ["drill-gameday-abc123-audit"], groups: ["drill-gameday-abc123-g"] } as unknown as RunningScenario;
    const running = toDrillView(record({ running: gameDayNames }));
    expect(running).toMatchObject({ scenario: "hidden", seed: "hidden", title: "Game-day drill (scenario hidden until it stops)" });
    expect(JSON.stringify(running)).not.toMatch(/retention/i);
    const stopped = toDrillView(record({ state: "stopped", stoppedAt: Date.now() }));
    expect(stopped).toMatchObject({ scenario: "retention", seed: expect.stringMatching(/^001/) });
  });

  it("shows it from the start outside game-day mode, with times as ISO strings", () => {
    const v = toDrillView(record({ gameDay: false }));
    expect(v.injectedCause).toBe("topic.retention-too-short");
    expect(v).toMatchObject({ startedAt: "2026-11-24T06:00:00.000Z", deadline: "2026-11-24T06:10:00.000Z", topics: ["drill-retention-abc123-audit"], groups: ["drill-retention-abc123-g"] });
  });
});
