import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as changeStatus } from "@/app/api/incidents/[id]/status/route";
import { GET as getVerification } from "@/app/api/incidents/[id]/mitigation/verification/route";
import { POST as open } from "@/app/api/incidents/route";
import { uniqueName, waitFor } from "../helpers";
import { createTopics } from "../kafka/fixtures";
import { ctx, get, post, signedIn } from "./support";

type Entry = { seq: number; kind: string; payload: Record<string, unknown> };

// Resolving requires the mitigation feature's recovery verification: a lagging group with no
// consumer fails it, so the move is refused with 412 and the failing checks' current values,
// unless the commander overrides with a written reason, which the log records.
describe("moving to resolution is gated by recovery verification", () => {
  const topic = uniqueName("it-resolve-orders");
  const group = uniqueName("it-resolve-billing");
  const kafka = new Kafka({ clientId: "it-resolve", brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let commander: Awaited<ReturnType<typeof signedIn>>;
  let incidentId = "";

  beforeAll(async () => {
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 100 }, (_, i) => ({ value: `r${i}` })) });
    await producer.disconnect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "10" }] });
    commander = await signedIn("commander");
    const res = await open(post("/api/incidents", { title: "Billing stopped", scope: { topics: [topic], groups: [group], services: [] } }, commander.cookie), ctx());
    expect(res.status).toBe(201);
    incidentId = ((await res.json()) as { incident: { id: string } }).incident.id;
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
  });

  const move = (body: Record<string, unknown>) => changeStatus(post(`/api/incidents/${incidentId}/status`, body, commander.cookie), ctx({ id: incidentId }));
  const entries = async () => ((await (await getIncident(get(`/api/incidents/${incidentId}`, commander.cookie), ctx({ id: incidentId }))).json()) as { entries: Entry[] }).entries;

  it("refuses with 412 and the failing checks' current values, leaving the status unchanged", async () => {
    // The verification reads the sampler's history: wait until it has seen the group twice.
    await waitFor(
      async () => (await (await getVerification(get(`/api/incidents/${incidentId}/mitigation/verification`, commander.cookie), ctx({ id: incidentId }))).json()) as { checks: { id: string; status: string }[] },
      (v) => v.checks.find((c) => c.id === "lag-falling")?.status !== "unknown",
      { what: "two samples of the group" },
    );
    const res = await move({ to: "resolution" });
    expect(res.status).toBe(412);
    const problem = (await res.json()) as { code: string; detail?: string; message?: string; checks: { id: string; status: string; current: string }[] };
    expect(problem.code).toBe("PRECONDITION_FAILED");
    const lag = problem.checks.find((c) => c.id === "lag-falling");
    expect(lag?.status).toBe("fail");
    expect(lag?.current).toMatch(/90/); // 100 records, committed at 10
    const log = await entries();
    expect(log.some((e) => e.kind === "status-changed")).toBe(false);
    expect(log.some((e) => e.kind === "recovery-verified")).toBe(true); // the check itself is on the record
  });

  it("a forbidden move stays a 422, and an override needs a written reason", async () => {
    expect((await move({ to: "closed" })).status).toBe(422);
    expect((await move({ to: "resolution", verificationOverride: "ok" })).status).toBe(400);
  });

  it("resolves with an explicit override and records the reason and the failing checks", async () => {
    const reason = "billing is being decommissioned; the backlog is replayed from the source of truth";
    const res = await move({ to: "resolution", verificationOverride: reason });
    expect(res.status).toBe(201);
    const entry = ((await res.json()) as { entry: Entry }).entry;
    expect(entry.payload).toMatchObject({ from: "detection", to: "resolution", override: { reason }, verification: { ready: false } });
    const checks = (entry.payload.verification as { checks: { id: string; status: string }[] }).checks;
    expect(checks.find((c) => c.id === "lag-falling")?.status).toBe("fail");
    const detail = (await (await getIncident(get(`/api/incidents/${incidentId}`, commander.cookie), ctx({ id: incidentId }))).json()) as { incident: { status: string } };
    expect(detail.incident.status).toBe("resolution");
  });
});
