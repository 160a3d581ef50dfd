import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { POST as open } from "@/app/api/incidents/route";
import { GET as getEvaluation } from "@/app/api/incidents/[id]/severity/evaluation/route";
import { POST as setKeyTime } from "@/app/api/incidents/[id]/key-times/route";
import { GET as getReview } from "@/app/api/incidents/[id]/review/route";
import type { Impact } from "@/lib/domain/review/impact";
import type { KeptEvidencePayload } from "@/lib/domain/review/kept";
import type { SeverityEvaluationView } from "@/lib/schemas/severity";
import { db } from "@/lib/server/db";
import { configuredCluster } from "@/lib/server/evidence/cluster-identity";
import { getSampler, stopSamplers } from "@/lib/server/evidence/get-sampler";
import { uniqueName, waitFor } from "../helpers";
import { ctx, get, post, signedIn } from "../incidents/support";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";

/**
 * Evidence kept for the review (issue 12): at open and at mitigated / resolved the scope's
 * evidence bundle and the window's series are stored with the incident, so a review written
 * after the samples were pruned — and the topic is gone — still has its impact figures.
 */
describe("a review after the samples are pruned keeps its impact figures", () => {
  const topic = uniqueName("it-kept-orders");
  const group = uniqueName("it-kept-billing");
  let admin: Admin;
  let commander: Awaited<ReturnType<typeof signedIn>>;
  let incidentId = "";

  beforeAll(async () => {
    const kafka = kafkaFor();
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 100 });
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "10" }] });
    commander = await signedIn("commander");
    getSampler(); // as the server does at start-up: the sampler and the incident-log watcher run
    const res = await open(post("/api/incidents", { title: "Billing stopped (kept evidence)", scope: { topics: [topic], groups: [group], services: [] }, impactStartedAt: new Date(Date.now() - 60_000).toISOString() }, commander.cookie), ctx());
    expect(res.status).toBe(201);
    incidentId = ((await res.json()) as { incident: { id: string } }).incident.id;
  });

  afterAll(async () => {
    stopSamplers();
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
  });

  const kept = async () => (await db().keptEvidence.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } })).map((r) => ({ moment: r.moment, payload: JSON.parse(r.payload) as KeptEvidencePayload }));
  const impact = async () => {
    const res = await getReview(get(`/api/incidents/${incidentId}/review`, commander.cookie), ctx({ id: incidentId }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { document: { impact: Impact } }).document.impact;
  };

  it("keeps the bundle at open, mitigated and resolved; after pruning every sample the review shows the same impact", async () => {
    // the sampler has seen the group lagging 90 records behind, twice
    await waitFor(
      async () => (await (await getEvaluation(get(`/api/incidents/${incidentId}/severity/evaluation`, commander.cookie), ctx({ id: incidentId }))).json()) as SeverityEvaluationView,
      (e) => e.evidence.samples >= 2 && e.evidence.groups[0]?.totalLag === 90,
      { what: "two samples of the lagging group" },
    );
    for (const key of ["mitigated", "resolved"] as const) {
      const res = await setKeyTime(post(`/api/incidents/${incidentId}/key-times`, { key, at: new Date().toISOString() }, commander.cookie), ctx({ id: incidentId }));
      expect(res.status).toBe(201);
    }
    const moments = await waitFor(kept, (rows) => ["opened", "mitigated", "resolved"].every((m) => rows.some((r) => r.moment === m)), { what: "evidence kept at open, mitigated and resolved" });
    const resolved = moments.find((r) => r.moment === "resolved")!.payload;
    // the contracts.md §3 bundle of the scope, with the group's numbers
    expect(resolved.bundle?.groups.find((g) => g.groupId === group)).toMatchObject({ totalLag: 90, members: 0 });
    expect(resolved.bundle?.topics.map((t) => t.name)).toEqual([topic]);
    expect(resolved.bundle?.severity.proposed).toMatch(/^SEV[1-4]$/);
    expect(resolved.series.series.length).toBeGreaterThan(1);

    const before = await impact();
    expect(before).toMatchObject({ peakLag: 90, recordsLost: 0, lost: "no" });

    // Prune: the topic and group go (a week later nothing of them is left in Kafka), the sampler's
    // memory goes, every stored sample of the cluster goes.
    stopSamplers();
    await deleteQuietly(admin, [topic], [group]);
    await waitFor(async () => ({ topics: await admin.listTopics(), groups: (await admin.listGroups()).groups.map((g) => g.groupId) }), (k) => !k.topics.includes(topic) && !k.groups.includes(group), { what: "the topic and group to be gone" });
    const pruned = await db().evidenceSample.deleteMany({ where: { cluster: configuredCluster() } });
    expect(pruned.count).toBeGreaterThan(0);
    expect(await db().evidenceSample.count({ where: { cluster: configuredCluster() } })).toBe(0);

    const after = await impact();
    expect(after).toMatchObject({ peakLag: before.peakLag, peakTimeLagSeconds: before.peakTimeLagSeconds, recordsLate: before.recordsLate, recordsLost: before.recordsLost, lost: before.lost });
    expect(after.samples).toBeGreaterThan(1);
    expect(after.affectedGroups).toContain(group);
  });
});
