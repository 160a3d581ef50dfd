import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as open } from "@/app/api/incidents/route";
import { EvidenceSampler } from "@/lib/server/evidence/sampler";
import { watchIncidentEvidence } from "@/lib/server/incidents/watch-evidence";
import { getGateway } from "@/lib/server/kafka/registry";
import { uniqueName } from "../helpers";
import { createTopics } from "../kafka/fixtures";
import { ctx, get, post, signedIn } from "./support";

type Entry = { seq: number; kind: string; author: { kind: string }; payload: Record<string, unknown> };

// The sampler's hook (watchIncidentEvidence) turns a config change on a topic in an open
// incident's scope into an "evidence-change" entry, once, and attaches a snapshot at open.
describe("automatic evidence entries while an incident is open", () => {
  const topic = uniqueName("it-watch-orders");
  const other = uniqueName("it-watch-unrelated");
  const kafka = new Kafka({ clientId: "it-watch", brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let commander: Awaited<ReturnType<typeof signedIn>>;
  let incidentId = "";
  let sampler: EvidenceSampler;

  beforeAll(async () => {
    await admin.connect();
    // The fixture waits until each partition's leader serves (kafkajs's waitForLeaders fails outright on 3.9 while metadata settles).
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }, { topic: other, numPartitions: 1, replicationFactor: 1 }]);
    commander = await signedIn("commander");
    const res = await open(post("/api/incidents", { title: "Retention looks wrong", scope: { topics: [topic], groups: [], services: [] } }, commander.cookie), ctx());
    expect(res.status).toBe(201);
    incidentId = ((await res.json()) as { incident: { id: string } }).incident.id;
    // a private sampler over the two topics, without a store, hooked like the real one
    sampler = new EvidenceSampler({ cluster: "it-watch", gateway: getGateway(), where: "it", scope: { topics: [topic, other] }, onSample: (history) => watchIncidentEvidence(history, { incidentIds: [incidentId] }) });
  });

  afterAll(async () => {
    // undefined when beforeAll failed before creating it
    (sampler as EvidenceSampler | undefined)?.stop();
    await admin.deleteTopics({ topics: [topic, other] }).catch(() => undefined);
    await admin.disconnect();
  });

  const entries = async () => ((await (await getIncident(get(`/api/incidents/${incidentId}`, commander.cookie), ctx({ id: incidentId }))).json()) as { entries: Entry[] }).entries;

  it("records a config change on a scoped topic on the incident's timeline, once", async () => {
    await sampler.collectNow();
    const first = await entries();
    const captured = first.filter((e) => e.kind === "evidence-captured");
    expect(captured).toHaveLength(1);
    expect(String(captured[0]?.payload.summary)).toMatch(/Evidence at open/);

    await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: topic, configEntries: [{ name: "retention.ms", value: "3600000" }] }, { type: 2, name: other, configEntries: [{ name: "retention.ms", value: "7200000" }] }] });
    await sampler.collectNow();
    // This process's own sampler of the cluster watches the incident too and may see the same
    // change in its own pair of samples (another sample time, so another entry): what is asserted
    // is this sampler's entry, the unrelated topic's absence, and no doubling on a second look.
    const ours = (e: Entry) => e.kind === "evidence-change" && sampler.history().some((s) => String(e.payload.at ?? "") === new Date(s.takenAt).toISOString() || e.payload.at === s.takenAt);
    const all = (await entries()).filter((e) => e.kind === "evidence-change");
    expect(all.every((e) => (e.payload.topics as string[]).includes(topic))).toBe(true); // the unrelated topic's change is not this incident's
    const changes = all.filter(ours);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ author: { kind: "system" }, payload: { change: "config-change", topics: [topic] } });
    expect(String(changes[0]?.payload.description)).toContain("retention.ms");
    expect(String(changes[0]?.payload.description)).toContain("3600000");

    // the same samples looked at again (another tick, another process): nothing doubles
    await watchIncidentEvidence(sampler.history(), { incidentIds: [incidentId] });
    const again = await entries();
    expect(again.filter((e) => e.kind === "evidence-change" && ours(e))).toHaveLength(1);
    expect(again.filter((e) => e.kind === "evidence-captured")).toHaveLength(1);
  });
});
