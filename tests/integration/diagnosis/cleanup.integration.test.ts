import { describe, expect, it } from "vitest";
import { retention, silentStop } from "@/lib/server/drills/scenarios";
import { runScenario } from "@/lib/server/drills/run-scenario";
import { brokers, gatewayFor, leftovers } from "./drill-kit";

/** Stopping a drill leaves no topics, groups or config changes behind. */
describe("drill cleanup", () => {
  it("after a full run (retention: topic config changed mid-run), nothing the drill created remains", async () => {
    const r = await runScenario(retention, { brokers: brokers(), intervalMs: 1_000, samples: 4, deadlineMs: 1 });
    expect(r.topics.length).toBeGreaterThan(0);
    expect(r.groups.length).toBeGreaterThan(0);
    // the run did change a topic config
    expect(r.signals.cluster.configChanges.map((c) => c.key)).toContain("retention.ms");
    expect(await leftovers(r.prefix)).toEqual({ topics: [], groups: [] });
  });

  it("stop() in the middle of a run (consumers live, producers pacing) removes everything, and a second stop() is harmless", async () => {
    const running = await silentStop.start({ brokers: brokers() });
    await running.sample();
    const gateway = gatewayFor();
    try {
      const topics = (await gateway.listTopics()).map((t) => t.name);
      for (const t of running.topics) expect(topics).toContain(t);
      const groups = (await gateway.listGroups()).map((g) => g.groupId);
      for (const g of running.groups) expect(groups).toContain(g);
    } finally {
      await gateway.close();
    }
    await running.stop();
    await running.stop();
    expect(await leftovers(running.prefix)).toEqual({ topics: [], groups: [] });
  });
});
