import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { GET as listDrillsRoute, POST as startDrillRoute } from "@/app/api/drills/route";
import { POST as stopDrillRoute } from "@/app/api/drills/[id]/stop/route";
import { GET as getCluster, PUT as putCluster } from "@/app/api/settings/clusters/[name]/route";
import { isDrillLog } from "@/lib/domain/metrics/facts";
import type { DrillView } from "@/lib/schemas/drills";
import { env } from "@/lib/server/env";
import { getIncident } from "@/lib/server/incidents/get-incident";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { waitFor } from "../helpers";
import { ctx, get, post, signedIn, type TestUser } from "../actions/support";

function put(url: string, body: unknown, user: TestUser): Request {
  return new Request(`http://localhost${url}`, { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json", cookie: user.cookie } });
}

const brokers = () => (process.env.KAFKA_BROKERS ?? "").split(",");

describe("drills on the real Kafka", () => {
  let admin: TestUser;
  let commander: TestUser;
  let viewer: TestUser;
  let kafkaAdmin: Admin;
  const cluster = () => env().KAFKA_CLUSTER_NAME;
  const setEnvironment = (environment: string, user = admin) => putCluster(put(`/api/settings/clusters/${cluster()}`, { environment }, user), ctx({ name: cluster() }));

  const state = async () => {
    const topics = await kafkaAdmin.listTopics();
    const groups = (await kafkaAdmin.listGroups()).groups.map((g) => g.groupId);
    return { topics, groups };
  };
  /** Dynamic configs of the broker (a drill must not leave cluster-level changes either). */
  const brokerDynamicConfigs = async () => {
    const { brokers: list } = await kafkaAdmin.describeCluster();
    const res = await kafkaAdmin.describeConfigs({ resources: list.map((b) => ({ type: 4, name: String(b.nodeId) })), includeSynonyms: false });
    return res.resources.map((r) => [r.resourceName, r.configEntries.filter((e) => e.configSource === 1 || e.configSource === 2).map((e) => `${e.configName}=${e.configValue}`).sort()]);
  };

  beforeAll(async () => {
    [admin, commander, viewer] = await Promise.all([signedIn("admin"), signedIn("commander"), signedIn("viewer")]);
    kafkaAdmin = new Kafka({ clientId: "ripcord-it-drills-page", brokers: brokers(), logLevel: logLevel.NOTHING }).admin();
    await kafkaAdmin.connect();
  });

  afterAll(async () => {
    await kafkaAdmin?.disconnect();
    await closeAllGateways();
  });

  it("refuses to start on a cluster marked production (the default), with a message pointing to Settings → Clusters", async () => {
    expect((await setEnvironment("production")).status).toBe(200);
    const res = await startDrillRoute(post("/api/drills", { scenario: "retention", cluster: cluster() }, commander));
    expect(res.status).toBe(412);
    const problem = (await res.json()) as { detail?: string; title?: string };
    expect(JSON.stringify(problem)).toContain("Settings → Clusters");
    const list = (await (await listDrillsRoute(get("/api/drills", viewer))).json()) as { drills: DrillView[]; clusters: { cluster: string; drillsAllowed: boolean }[] };
    expect(list.clusters.find((c) => c.cluster === cluster())?.drillsAllowed).toBe(false);
  });

  it("only an admin marks a cluster non-production; viewers cannot start drills", async () => {
    expect((await setEnvironment("non-production", commander)).status).toBe(403);
    expect((await setEnvironment("non-production", viewer)).status).toBe(403);
    expect((await startDrillRoute(post("/api/drills", { scenario: "retention", cluster: cluster() }, viewer))).status).toBe(403);
    expect((await setEnvironment("non-production")).status).toBe(200);
    expect((await startDrillRoute(post("/api/drills", { scenario: "broker-down", cluster: cluster() }, commander))).status).toBe(422);
    expect((await startDrillRoute(post("/api/drills", { scenario: "retention", cluster: "someone-elses" }, commander))).status).toBe(404);
    // a cluster this server does not know is not invented as a production one
    expect((await getCluster(get("/api/settings/clusters/someone-elses", viewer), ctx({ name: "someone-elses" }))).status).toBe(404);
    expect((await putCluster(put("/api/settings/clusters/someone-elses", { environment: "non-production" }, admin), ctx({ name: "someone-elses" }))).status).toBe(404);
    const known = await getCluster(get(`/api/settings/clusters/${cluster()}`, viewer), ctx({ name: cluster() }));
    expect(((await known.json()) as { cluster: { cluster: string; environment: string } }).cluster).toMatchObject({ cluster: cluster(), environment: "non-production" });
  });

  it("on a non-production cluster a drill starts, opens an incident flagged as a drill, and stopping it leaves nothing behind", async () => {
    expect((await setEnvironment("non-production")).status).toBe(200);
    const before = await state();
    const brokerConfigsBefore = await brokerDynamicConfigs();

    const res = await startDrillRoute(post("/api/drills", { scenario: "retention", cluster: cluster(), durationSeconds: 120, gameDay: true }, commander));
    expect(res.status).toBe(201);
    const { drill } = (await res.json()) as { drill: DrillView };
    expect(drill.state).toBe("running");
    expect(drill.injectedCause).toBeNull(); // game-day: hidden while it runs
    // … and nothing else in the API's answer names the scenario (names are drill-gameday-…)
    expect(JSON.stringify(drill)).not.toMatch(/retention/i);
    expect(drill.topics.every((t) => t.startsWith("drill-gameday-"))).toBe(true);
    expect(drill.topics.length).toBeGreaterThan(0);
    expect(drill.groups.length).toBeGreaterThan(0);

    const during = await state();
    for (const t of drill.topics) expect(during.topics).toContain(t);

    const { incident, entries } = await getIncident(drill.incidentId);
    expect(incident.title).toMatch(/^DRILL \(game day\): /);
    expect(incident.title).not.toMatch(/retention/i);
    expect(incident.scope.topics).toEqual(drill.topics);
    expect(incident.scope.groups).toEqual(drill.groups);
    expect(isDrillLog(entries)).toBe(true);
    expect(entries.some((e) => e.kind === "drill-started")).toBe(true);
    // game-day: the answer is not in the log while the drill runs
    expect(JSON.stringify(entries)).not.toContain("topic.retention-too-short");
    expect(JSON.stringify(entries)).not.toContain("drill-retention-");

    // the background sampling moves the scenario on: retention gets shortened on the drill's topic
    const topic = drill.topics[0]!;
    await waitFor(
      async () => {
        const r = await kafkaAdmin.describeConfigs({ resources: [{ type: 2, name: topic }], includeSynonyms: false });
        return r.resources[0]?.configEntries.find((e) => e.configName === "retention.ms")?.configValue;
      },
      (v) => v === "4000",
      { timeoutMs: 20_000, what: "retention.ms shortened by the drill" },
    );

    const stopped = await stopDrillRoute(post(`/api/drills/${drill.id}/stop`, {}, commander), ctx({ id: drill.id }));
    expect(stopped.status).toBe(200);
    const after = ((await stopped.json()) as { drill: DrillView }).drill;
    expect(after.state).toBe("stopped");
    expect(after.injectedCause).toBe("topic.retention-too-short"); // revealed at the end
    // stopping again is harmless
    expect(((await (await stopDrillRoute(post(`/api/drills/${drill.id}/stop`, {}, commander), ctx({ id: drill.id }))).json()) as { drill: DrillView }).drill.state).toBe("stopped");

    const now = await state();
    for (const t of drill.topics) expect(now.topics).not.toContain(t);
    for (const g of drill.groups) expect(now.groups).not.toContain(g);
    // nothing new with the drill's prefix, nothing of what existed before removed by it
    const prefix = drill.topics[0]!.split("-").slice(0, 3).join("-");
    expect(now.topics.filter((t) => t.startsWith(prefix))).toEqual([]);
    expect(now.groups.filter((g) => g.startsWith(prefix))).toEqual([]);
    // nothing else went: every other topic is still there (other test files' drills, running at
    // the same time on this broker, remove their own topics when they end, so those are not counted)
    expect(before.topics.filter((t) => !now.topics.includes(t) && !t.startsWith("drill-"))).toEqual([]);
    expect(await brokerDynamicConfigs()).toEqual(brokerConfigsBefore);

    const log = await getIncident(drill.incidentId);
    expect(log.incident.status).not.toBe("closed"); // left for the walk-through and the review
    const last = log.entries.find((e) => e.kind === "drill-stopped");
    expect(last?.payload).toMatchObject({ drill: true, cleanup: "complete", injectedCause: "topic.retention-too-short" });
  }, 120_000);
});
