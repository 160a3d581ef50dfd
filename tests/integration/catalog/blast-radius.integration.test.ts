import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { POST as postCatalog } from "@/app/api/catalog/route";
import { GET as getBlastRadius } from "@/app/api/incidents/[id]/blast-radius/route";
import { POST as open } from "@/app/api/incidents/route";
import type { BlastRadiusView } from "@/lib/schemas/blast-radius";
import { resetEnvForTests } from "@/lib/server/env";
import { stopSamplers } from "@/lib/server/evidence/get-sampler";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { uniqueName, waitFor } from "../helpers";
import { ctx, get, post, signedIn } from "../incidents/support";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";

const owners = (who: string) => ({ impact: { name: who, contact: `slack:#${who}` }, diagnosis: { name: "Streaming platform", contact: "pagerduty:PLATFORM" }, action: { name: `${who} SRE`, contact: `pagerduty:${who}` } });

// Real Kafka (committed offsets of two groups on one topic), real SQLite (catalog and incident),
// the real route handler: no mocks on the path.
describe("GET /api/incidents/[id]/blast-radius", () => {
  const prefix = uniqueName("blast");
  const orders = `${prefix}-orders`;
  const refunds = `${prefix}-refunds`;
  const ledger = `${prefix}-ledger`; // the incident's group: reads orders and refunds
  const fraud = `${prefix}-fraud`; // reads orders only
  const analytics = `${prefix}-analytics`; // in the catalog only: Kafka has never seen it
  let admin: Admin;
  let viewer: Awaited<ReturnType<typeof signedIn>>;
  let commander: Awaited<ReturnType<typeof signedIn>>;
  let incidentId = "";
  const saved = process.env.KAFKA_BROKERS;

  beforeAll(async () => {
    const kafka = kafkaFor();
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [
      { topic: orders, numPartitions: 2, replicationFactor: 1 },
      { topic: refunds, numPartitions: 1, replicationFactor: 1 },
    ]);
    await produce(kafka, orders, { 0: 20, 1: 20 });
    await produce(kafka, refunds, { 0: 5 });
    // Committed offsets behind the end: both groups are real readers of orders as Kafka reports them.
    await admin.setOffsets({ groupId: ledger, topic: orders, partitions: [{ partition: 0, offset: "2" }, { partition: 1, offset: "2" }] });
    await admin.setOffsets({ groupId: ledger, topic: refunds, partitions: [{ partition: 0, offset: "1" }] });
    await admin.setOffsets({ groupId: fraud, topic: orders, partitions: [{ partition: 0, offset: "18" }, { partition: 1, offset: "18" }] });

    const adminUser = await signedIn("admin");
    [viewer, commander] = [await signedIn("viewer"), await signedIn("commander")];
    const entries = [
      { group: ledger, service: "ledger", team: "payments", tier: "critical", freshnessSloSeconds: 60, owners: owners("payments"), reads: [orders, refunds] },
      { group: fraud, service: "fraud-scoring", team: "risk", tier: "important", owners: owners("risk") },
      { group: analytics, service: "analytics", team: "data", tier: "standard", owners: owners("data"), reads: [`${prefix}-*`] },
      { topic: orders, service: "checkout", team: "payments", tier: "critical", owners: owners("payments") },
    ];
    for (const e of entries) expect((await postCatalog(post("/api/catalog", e, adminUser.cookie), ctx())).status).toBe(201);

    const opened = await open(post("/api/incidents", { title: "Ledger lags on orders", scope: { topics: [orders], groups: [ledger], services: [] } }, commander.cookie), ctx());
    expect(opened.status).toBe(201);
    incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;
  });

  afterAll(async () => {
    stopSamplers();
    await closeAllGateways();
    process.env.KAFKA_BROKERS = saved;
    delete process.env.KAFKA_CONNECT_TIMEOUT_MS;
    resetEnvForTests();
    await deleteQuietly(admin, [orders, refunds], [ledger, fraud]);
    await admin.disconnect();
  });

  const read = async (cookie = viewer.cookie, id = incidentId) => getBlastRadius(get(`/api/incidents/${id}/blast-radius`, cookie), ctx({ id }));
  const body = async () => (await (await read()).json()) as BlastRadiusView;

  it("names the other group on the same topic as a live reader, the incident's own service first, and the topic owners", async () => {
    // The sampler starts on the first read; wait until a sample shows the other group's offsets.
    const view = await waitFor(body, (v) => v.source === "kafka" && v.groups[0]?.readers.some((r) => r.group === fraud) === true, { what: "a sample with the fraud group", timeoutMs: 45_000, intervalMs: 1000 });
    expect(view).toMatchObject({ incidentId, source: "kafka", reason: null });
    expect(Date.parse(view.takenAt ?? "")).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(view.groups).toHaveLength(1);
    const [radius] = view.groups;
    expect(radius).toMatchObject({ group: ledger, topics: [orders, refunds].sort(), topicsFrom: "kafka" });

    // own group first, seen in Kafka (it has committed offsets), flagged as the incident's
    expect(radius!.readers[0]).toMatchObject({ group: ledger, service: "ledger", team: "payments", tier: "critical", source: "kafka", lagging: true, state: "Empty", members: 0 });
    expect(radius!.readers.find((r) => r.group === fraud)).toMatchObject({ service: "fraud-scoring", team: "risk", tier: "important", source: "kafka", lagging: false, topics: [orders] });
    // the catalog names a reader Kafka does not show: listed, and said to come from the catalog
    expect(radius!.readers.find((r) => r.group === analytics)).toMatchObject({ service: "analytics", source: "catalog", state: null, members: null, topics: [orders, refunds].sort() });

    expect(radius!.services[0]).toBe("ledger");
    expect(radius!.services).toEqual(expect.arrayContaining(["fraud-scoring", "analytics"]));
    expect(radius!.topicOwners).toEqual([{ topic: orders, service: "checkout", team: "payments" }]);
  });

  it("answers 401 without credentials and 404 for an unknown incident", async () => {
    expect((await read("")).status).toBe(401);
    const missing = await read(viewer.cookie, "no-such-incident");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("falls back to the catalog alone, with the reason, when Kafka cannot be reached", async () => {
    stopSamplers();
    process.env.KAFKA_BROKERS = "127.0.0.1:1";
    process.env.KAFKA_CONNECT_TIMEOUT_MS = "1000";
    resetEnvForTests();
    const started = Date.now();
    const response = await read();
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const view = (await response.json()) as BlastRadiusView;
    expect(view.source).toBe("catalog-only");
    expect(view.takenAt).toBeNull();
    expect(view.reason).toBeTruthy();
    // The first attempt may still be under way on a loaded machine; once it fails, the reason names the broker.
    const failed = await waitFor(body, (v) => /127\.0\.0\.1:1/.test(v.reason ?? ""), { what: "the reason to name the unreachable broker", timeoutMs: 15_000 });
    expect(failed.reason).toMatch(/^Kafka could not be read: cannot reach Kafka at 127\.0\.0\.1:1/);
    const [radius] = view.groups;
    // topics from the group's catalog entry; only catalog readers (the live fraud group is not claimed)
    expect(radius).toMatchObject({ group: ledger, topics: [orders, refunds].sort(), topicsFrom: "catalog" });
    expect(radius!.readers.every((r) => r.source === "catalog")).toBe(true);
    expect(radius!.readers.map((r) => r.group)).toEqual([ledger, analytics]);
    expect(radius!.services).toEqual(["ledger", "analytics"]);
    expect(radius!.topicOwners).toEqual([{ topic: orders, service: "checkout", team: "payments" }]);
  });
});
