import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as decide } from "@/app/api/incidents/[id]/severity/route";
import { POST as propose } from "@/app/api/incidents/[id]/severity/proposal/route";
import { POST as open } from "@/app/api/incidents/route";
import type { CurrentProposalView } from "@/lib/schemas/severity";
import { getSampler, stopSamplers } from "@/lib/server/evidence/get-sampler";
import { refreshProposal } from "@/lib/server/incidents/refresh-proposal";
import { watchIncidentEvidence } from "@/lib/server/incidents/watch-evidence";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";
import { ctx, get, post, signedIn } from "./support";

type Entry = { seq: number; kind: string; author: { kind: string }; payload: { level?: string; auto?: boolean; previousLevel?: string | null; commander?: { freshnessSloSeconds: number | null } } };
type Detail = { entries: Entry[]; proposal: CurrentProposalView | null; state: { severity: string | null } };

// Severity proposed by itself (issue 12): at open and after every sample the proposal is kept on
// the incident; a log entry is appended only when the level changes, once however many
// evaluations (processes, samples) see the change; the commander's answers are kept.
describe("the severity proposal Ripcord keeps by itself", () => {
  const topic = uniqueName("it-proposal-orders");
  const group = uniqueName("it-proposal-billing");
  let admin: Admin;
  let commander: Awaited<ReturnType<typeof signedIn>>;
  let id = "";

  beforeAll(async () => {
    const kafka = kafkaFor();
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 200 });
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "50" }] });
    commander = await signedIn("commander");
    getSampler(); // as the server does at start-up
    const res = await open(post("/api/incidents", { title: "Billing stopped (proposal)", scope: { topics: [topic], groups: [group], services: [] } }, commander.cookie), ctx());
    expect(res.status).toBe(201);
    id = ((await res.json()) as { incident: { id: string } }).incident.id;
  });
  afterAll(async () => {
    stopSamplers();
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
  });

  const detail = async () => (await (await getIncident(get(`/api/incidents/${id}`, commander.cookie), ctx({ id }))).json()) as Detail;
  const proposals = (d: Detail) => d.entries.filter((e) => e.kind === "severity-proposed");

  it("is on the incident without any request, and a change of level is logged once however many evaluate it", async () => {
    // once the sampler has watched the offsets stay frozen: a stopped backlog of unknown importance → SEV3
    const d = await waitFor(detail, (x) => x.proposal?.level === "SEV3" && proposals(x).at(-1)?.payload.level === "SEV3", { what: "the SEV3 proposal" });
    expect(proposals(d).every((e) => e.author.kind === "system" && e.payload.auto)).toBe(true);
    expect(d.proposal?.entrySeq).toBe(proposals(d).at(-1)?.seq);
    expect(d.proposal?.evidence.groups[0]).toMatchObject({ groupId: group, totalLag: 150, status: "stopped" });

    // many evaluations of the same evidence: another process's watcher, repeated refreshes
    const before = proposals(d).length;
    await Promise.all([refreshProposal(id), refreshProposal(id), watchIncidentEvidence(getSampler().history(), { incidentIds: [id] })]);
    expect(proposals(await detail()).length).toBe(before);
  });

  it("keeps the commander's SLO for later automatic proposals, and shows drift from an accepted level", async () => {
    const current = await detail();
    const accepted = await decide(post(`/api/incidents/${id}/severity`, { decision: "accepted", level: "SEV3", proposalSeq: proposals(current).at(-1)!.seq }, commander.cookie), ctx({ id }));
    expect(accepted.status).toBe(201);
    // the commander says the freshness SLO is 1 s: the backlog's age breaches it → SEV2
    const res = await propose(post(`/api/incidents/${id}/severity/proposal`, { freshnessSloSeconds: 1 }, commander.cookie), ctx({ id }));
    expect(res.status).toBe(201);
    const after = await detail();
    expect(proposals(after).at(-1)).toMatchObject({ author: { kind: "user" }, payload: { level: "SEV2", commander: { freshnessSloSeconds: 1 } } });
    // Ripcord's next evaluations keep that SLO: same level, nothing new logged
    await refreshProposal(id);
    await watchIncidentEvidence(getSampler().history(), { incidentIds: [id] });
    const later = await detail();
    expect(proposals(later).length).toBe(proposals(after).length);
    expect(later.proposal?.level).toBe("SEV2");
    expect(later.proposal?.commander.freshnessSloSeconds).toBe(1);
    // decided SEV3, evidence now SEV2: drift, for every participant to see
    expect(later.state.severity).toBe("SEV3");
    expect(later.proposal?.level).not.toBe(later.state.severity);
  });
});
