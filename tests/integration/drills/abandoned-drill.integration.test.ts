import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { PUT as putCluster } from "@/app/api/settings/clusters/[name]/route";
import { db } from "@/lib/server/db";
import { ABANDONED_AFTER_DEADLINE_MS, sweepAbandonedDrills } from "@/lib/server/drills/sweep-abandoned-drills";
import { env } from "@/lib/server/env";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { waitFor } from "../helpers";
import { ctx, signedIn, type TestUser } from "../actions/support";
import { ServerProcess } from "../../support/server-process";
import { portOf } from "../../../scripts/lib/ports.mjs";

/**
 * A server SIGKILLed while its drill runs: nothing stops the drill, so its topics and groups
 * stay on the cluster and its incident says "Drill started" forever. Once the drill is past its
 * deadline (plus the margin a live server's own stop needs), any Ripcord instance on the same
 * database removes them and records why. The server shares this file's database, so the sweep
 * here (the function every server runs at start and each minute) sees its drill.
 */
describe("a drill whose server was killed", () => {
  const server = new ServerProcess(portOf("DRILL_ABANDONED_IT_PORT", 3468), { name: "drill-abandoned", env: { DATABASE_URL: process.env.DATABASE_URL! } });
  let admin: TestUser;
  let commander: TestUser;
  let kafkaAdmin: Admin;
  const cluster = () => env().KAFKA_CLUSTER_NAME;

  beforeAll(async () => {
    [admin, commander] = await Promise.all([signedIn("admin"), signedIn("commander")]);
    const marked = await putCluster(
      new Request(`http://localhost/api/settings/clusters/${cluster()}`, { method: "PUT", body: JSON.stringify({ environment: "non-production" }), headers: { "content-type": "application/json", cookie: admin.cookie } }),
      ctx({ name: cluster() }),
    );
    expect(marked.status).toBe(200);
    kafkaAdmin = new Kafka({ clientId: "ripcord-it-abandoned-drill", brokers: (process.env.KAFKA_BROKERS ?? "").split(","), logLevel: logLevel.NOTHING }).admin();
    await kafkaAdmin.connect();
    await server.start();
  }, 120_000);

  afterAll(async () => {
    await server.kill().catch(() => undefined);
    await kafkaAdmin?.disconnect();
    await closeAllGateways();
  });

  it("is cleaned up after its deadline by another instance, once, with an entry saying what was removed", async () => {
    const res = await fetch(`${server.url}/api/drills`, {
      method: "POST",
      headers: { cookie: commander.cookie, "content-type": "application/json" },
      body: JSON.stringify({ scenario: "retention", cluster: cluster(), durationSeconds: 30 }),
    });
    expect(res.status).toBe(201);
    const { drill } = (await res.json()) as { drill: { incidentId: string; deadline: string } };
    const started = await db().incidentEntry.findFirstOrThrow({ where: { incidentId: drill.incidentId, kind: "drill-started" } });
    const { topics, groups } = JSON.parse(started.payload) as { topics: string[]; groups: string[] };
    expect(topics.length).toBeGreaterThan(0);
    expect(groups.length).toBeGreaterThan(0);
    expect(await kafkaAdmin.listTopics()).toEqual(expect.arrayContaining(topics));

    await server.kill();

    // Before its deadline (plus the margin) a drill may still be running somewhere: left alone.
    const deadline = Date.parse(drill.deadline);
    expect(await sweepAbandonedDrills(deadline + ABANDONED_AFTER_DEADLINE_MS - 1_000)).toEqual([]);
    expect(await kafkaAdmin.listTopics()).toEqual(expect.arrayContaining(topics));

    // After it: removed (its consumers' members linger until their session times out, so the
    // sweep may need a few rounds, as the servers' minute-by-minute sweep would).
    const later = deadline + ABANDONED_AFTER_DEADLINE_MS + 1_000;
    const swept = await waitFor(() => sweepAbandonedDrills(later), (done) => done.length > 0, { timeoutMs: 90_000, intervalMs: 2_000, what: "the abandoned drill swept" });
    expect(swept).toEqual([{ incidentId: drill.incidentId, topics, groups, complete: true }]);

    const left = await kafkaAdmin.listTopics();
    expect(left.filter((t) => topics.includes(t))).toEqual([]);
    const leftGroups = (await kafkaAdmin.listGroups()).groups.map((g) => g.groupId);
    expect(leftGroups.filter((g) => groups.includes(g))).toEqual([]);

    const stoppedEntries = await db().incidentEntry.findMany({ where: { incidentId: drill.incidentId, kind: "drill-stopped" } });
    expect(stoppedEntries).toHaveLength(1);
    const payload = JSON.parse(stoppedEntries[0]!.payload) as { reason: string; cleanup: string; summary: string };
    expect(payload).toMatchObject({ reason: "abandoned", cleanup: "complete" });
    expect(payload.summary).toMatch(/^Drill stopped: the server running it stopped before the drill did/);
    expect(payload.summary).toContain(`Removed what it created: topics ${topics.join(", ")}`);

    // A second sweep (another instance, the next minute) changes nothing.
    expect(await sweepAbandonedDrills(later)).toEqual([]);
    expect(await db().incidentEntry.count({ where: { incidentId: drill.incidentId, kind: "drill-stopped" } })).toBe(1);
  }, 240_000);
});
