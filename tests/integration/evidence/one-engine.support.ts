import { expect } from "vitest";
import { GET as getDiagnosis } from "@/app/api/incidents/[id]/diagnosis/route";
import { GET as getChecklist } from "@/app/api/incidents/[id]/mitigation/route";
import { GET as getVerification } from "@/app/api/incidents/[id]/mitigation/verification/route";
import { GET as getEvaluation } from "@/app/api/incidents/[id]/severity/evaluation/route";
import { GET as getGroup } from "@/app/api/cluster/groups/[groupId]/route";
import { POST as open } from "@/app/api/incidents/route";
import { RECOVERY_HORIZON_SECONDS } from "@/lib/domain/severity/propose";
import type { GroupDetail } from "@/lib/schemas/cluster";
import type { IncidentDiagnosisView } from "@/lib/schemas/diagnosis";
import type { EvidenceSummaryView } from "@/lib/schemas/evidence";
import type { SeverityEvaluationView } from "@/lib/schemas/severity";
import type { RunningScenario, Scenario } from "@/lib/server/drills/kit";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { readScopeEvidence } from "@/lib/server/evidence/scope-evidence";
import { waitFor } from "../helpers";
import { ctx, get, post, type signedIn } from "../incidents/support";

type User = Awaited<ReturnType<typeof signedIn>>;

interface Checklist {
  items: { id: string; causes: string[]; preconditions: { id: string; status: string; current: string }[] }[];
  causes: { leafId: string; score: number; confirmed: boolean }[];
  evidence: EvidenceSummaryView;
}
interface Verification {
  checks: { id: string; status: string; current: string }[];
  evidence: EvidenceSummaryView;
}

export interface Readings {
  severity: SeverityEvaluationView;
  diagnosis: IncidentDiagnosisView;
  checklist: Checklist;
  verification: Verification;
  groups: Record<string, GroupDetail>;
}

const json = async <T>(res: Response): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

/** Every judgement of the incident, plus the group API, read as a user's browser would. */
export async function readAll(user: User, incidentId: string, groups: readonly string[]): Promise<Readings> {
  const id = { id: incidentId };
  const [severity, diagnosis, checklist, verification, ...details] = await Promise.all([
    getEvaluation(get(`/api/incidents/${incidentId}/severity/evaluation`, user.cookie), ctx(id)).then((r) => json<SeverityEvaluationView>(r)),
    getDiagnosis(get(`/api/incidents/${incidentId}/diagnosis`, user.cookie), ctx(id)).then((r) => json<IncidentDiagnosisView>(r)),
    getChecklist(get(`/api/incidents/${incidentId}/mitigation`, user.cookie), ctx(id)).then((r) => json<Checklist>(r)),
    getVerification(get(`/api/incidents/${incidentId}/mitigation/verification`, user.cookie), ctx(id)).then((r) => json<Verification>(r)),
    ...groups.map((g) => getGroup(get(`/api/cluster/groups/${encodeURIComponent(g)}`, user.cookie), ctx({ groupId: g })).then((r) => json<GroupDetail>(r))),
  ]);
  return { severity, diagnosis, checklist, verification, groups: Object.fromEntries(groups.map((g, i) => [g, details[i]!])) };
}

/** Reads until every route answered from the same sample (the sampler may tick between two reads). */
export function readConsistent(user: User, incidentId: string, groups: readonly string[]): Promise<Readings> {
  return waitFor(
    () => readAll(user, incidentId, groups),
    (r) => {
      const at = r.severity.evidence.takenAt;
      return at !== null && [r.diagnosis.evidence, r.checklist.evidence, r.verification.evidence].every((e) => e.takenAt === at) && Object.values(r.groups).every((g) => g.sampler.lastSampleAt === Date.parse(at));
    },
    { what: "every route reading the same sample", intervalMs: 100 },
  );
}

/**
 * The acceptance of issue 12: the severity proposal, the diagnosis, the checklist, the
 * verification and the group API report the same time lag and lag growth, and no two of them
 * contradict each other (headroom vs loss, caught up vs not draining).
 */
export function expectOneStory(r: Readings, groups: readonly string[]): void {
  const evidences = [r.severity.evidence, r.diagnosis.evidence, r.checklist.evidence, r.verification.evidence];
  for (const e of evidences) expect(e.source).toBe("sampler");
  for (const id of groups) {
    const fromRoutes = evidences.map((e) => e.groups.find((g) => g.groupId === id));
    const api = r.groups[id]!.group;
    for (const g of fromRoutes) {
      expect(g, `${id} in every route`).toBeDefined();
      expect(g!.maxTimeLagSeconds, `${id} time lag`).toBe(api.maxTimeLagSeconds);
      expect(g!.lagGrowthPerSec, `${id} lag growth`).toBe(api.lagGrowthPerSec);
      expect(g!.totalLag, `${id} total lag`).toBe(api.totalLag);
      expect(g!.drain).toBe(api.drain);
      expect(g!.status).toBe(api.status);
    }

    // headroom vs loss: the severity's answer agrees with the group API's retention risk
    const risk = api.retention;
    const atRisk = risk.kind === "lost" || (risk.kind === "expires-before-drain" && (risk.secondsUntilExpiry ?? Infinity) <= RECOVERY_HORIZON_SECONDS);
    const recovery = r.severity.answers.recoveryConstrained;
    if (atRisk) expect(recovery?.answer, `${id}: ${risk.kind} but severity says ${JSON.stringify(recovery)}`).toBe("yes");
    if (recovery?.answer === "no") expect(atRisk).toBe(false);
    if (risk.kind === "lost") expect(r.severity.level).toBe("SEV1");

    // caught up vs not draining: the verification, the severity and the group API agree
    const lagCheck = r.verification.checks.find((c) => c.id === "lag-falling")!;
    const growing = api.drain === "not-draining" && (api.lagGrowthPerSec ?? 0) > 0 && api.status !== "ok";
    if (growing) expect(lagCheck.status, `${id} grows (${api.lagGrowthPerSec}/s) but verification says ${lagCheck.current}`).not.toBe("pass");
    if (r.severity.answers.backlogGrowing?.answer === "yes") expect(lagCheck.status).not.toBe("pass");
    if (lagCheck.status === "pass" && /caught up/.test(lagCheck.current)) expect(r.severity.answers.backlogGrowing?.answer).not.toBe("yes");
  }
  // the checklist's causes are the diagnosis' causes (plus what people confirmed, nothing here)
  const diagnosed = new Set(r.diagnosis.causes.map((c) => c.id));
  for (const c of r.checklist.causes) expect(diagnosed, `checklist cause ${c.leafId}`).toContain(c.leafId);
  // the offset-skip control is called for only by a poison record the diagnosis sees, and its
  // "one partition stuck while the others move" precondition passes only then
  const isolate = r.checklist.items.find((i) => i.id === "control.isolate-poison");
  if (isolate && !diagnosed.has("consumer.poison-record")) {
    expect(isolate.causes).toEqual([]);
    expect(isolate.preconditions.find((p) => p.id === "stalled")?.status).not.toBe("pass");
  }
}

export async function openIncidentFor(user: User, scope: { topics: string[]; groups: string[] }, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await open(post("/api/incidents", { title, scope: { ...scope, services: [] }, ...extra }, user.cookie), ctx());
  expect(res.status).toBe(201);
  return ((await res.json()) as { incident: { id: string } }).incident.id;
}

/**
 * A drill scenario on the real Kafka with an incident over its scope, moved through its phases
 * while the server's own evidence sampler samples it. The scenario's pacing is real time (its
 * producers and consumers run at rates); the product is only ever read, never waited on.
 */
export async function liveIncident(scenario: Scenario, user: User, brokers: string[], intervalMs = 1_500): Promise<{ running: RunningScenario; incidentId: string; established: boolean }> {
  const sampler = getSampler(); // as the server does at start-up: the sampler and the incident-log watcher run
  const running = await scenario.start({ brokers });
  try {
    const incidentId = await openIncidentFor(user, { topics: [...running.topics], groups: [...running.groups] }, `DRILL: ${scenario.title}`);
    const planned = scenario.samples;
    const deadline = Date.now() + planned * intervalMs * 2 + 30_000;
    let established = false;
    for (let i = 0; ; i++) {
      const started = Date.now();
      await sampler.collectNow();
      await running.tick(i, planned);
      const evidence = await readScopeEvidence({ topics: running.topics, groups: running.groups });
      established = evidence.signals !== null && running.established(evidence.signals);
      if (i + 1 >= planned && (established || Date.now() > deadline)) break;
      await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - started))));
    }
    return { running, incidentId, established };
  } catch (error) {
    await running.stop().catch(() => undefined);
    throw error;
  }
}
