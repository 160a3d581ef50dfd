import { describe, expect, it } from "vitest";
import { advanceIncident, deriveIncident, emptyState } from "@/lib/domain/incidents/derive";
import type { EntryAuthor, IncidentEntry } from "@/lib/domain/incidents/types";
import { buildDashboard } from "./dashboard";
import { incidentFacts } from "./facts";

// The authors as the real paths write them: the alert intake acts as the Alertmanager token's
// principal (kind "token"), the evidence watcher as the system, people as users.
const intake: EntryAuthor = { id: "tok_am", name: "alertmanager", kind: "token" };
const system: EntryAuthor = { id: "system", name: "Ripcord", kind: "system" };
const cora: EntryAuthor = { id: "u1", name: "Cora", kind: "user" };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function logOf(rows: [number, EntryAuthor, string, unknown][]): IncidentEntry[] {
  return rows.map(([s, author, kind, payload], i) => ({ id: `e${i + 1}`, incidentId: "i", seq: i + 1, kind, item: null, author, createdAt: at(s), payload, correctsEntryId: null }));
}
const check = (status: string) => ({ id: "lag-falling", title: "Lag falling as expected", status, current: "" });
const recovery = (ready: boolean, sampledAt: number, statuses: string[]) => ({ ready, checks: statuses.map(check), sample: { at: T0 + sampledAt * 1000, totalLag: { billing: 0 } } });

// alert at t0, a person acknowledges at t1, the evidence recovers at t2, the commander confirms at t3, resolved at t4
const t1 = 95;
const t2 = 400;
const t3 = 460;
const t4 = 900;
function alertIncident(): IncidentEntry[] {
  return logOf([
    [0, intake, "incident-opened", { title: "billing behind", cluster: "prod", scope: { topics: ["orders"], groups: ["billing"], services: [] }, impactStartedAt: at(0) }],
    [0, intake, "alert-firing", { name: "KafkaConsumerLagHigh", source: "alertmanager" }],
    [0, intake, "status-changed", { from: "detection", to: "triage", note: "opened from alertmanager alert" }],
    [1, system, "severity-proposed", { level: "SEV2", reasons: [], answers: {}, evidenceTakenAt: at(1), auto: true }],
    [t1, cora, "role-changed", { role: "commander", userId: "u1", userName: "Cora", action: "took" }],
    [200, cora, "recovery-verified", recovery(false, 199, ["fail"])],
    [300, cora, "recovery-verified", recovery(false, 299, ["pass", "pending"])], // pending: not enough history, not a contradiction
    [t2 + 5, cora, "recovery-verified", recovery(true, t2, ["pass", "pass"])],
    [t3 - 1, cora, "recovery-verified", recovery(false, t3 - 2, ["pass", "pending"])], // the resolve gate's own check (5 min of history)
    [t3, cora, "status-changed", { from: "triage", to: "resolution", verification: { ready: false, checks: [check("pass")], evidenceTakenAt: at(t3 - 2) }, override: { reason: "lag 0 for minutes" } }],
    [t4, cora, "status-changed", { from: "resolution", to: "review" }],
  ]);
}

describe("MTTx key times from who acted and what the evidence said", () => {
  it("an alert-opened incident is acknowledged by the first person acting, not by the intake's move to triage", () => {
    const before = deriveIncident(alertIncident().slice(0, 4));
    expect(before.status).toBe("triage");
    expect(before.keyTimes.acknowledged).toBeUndefined();
    expect(before.metrics.mttaSeconds).toBeNull();
    expect(deriveIncident(alertIncident()).keyTimes.acknowledged).toBe(at(t1));
  });

  it("mitigated = when the evidence said recovered (a failing check resets it, a pending one does not), confirmed by the commander", () => {
    const s = deriveIncident(alertIncident());
    expect(s.keyTimes.mitigated).toBe(at(t2));
    expect(s.mitigation.confirmed).toEqual({ at: at(t3), by: "Cora", evidenceAt: at(t2) });
    expect(s.keyTimes.resolved).toBe(at(t4));
    expect(s.metrics).toEqual({ mttdSeconds: 0, mttaSeconds: t1, mttmSeconds: t2, mttrSeconds: t4 });
  });

  it("evidence that recovered and then failed again does not count: the last unbroken run does", () => {
    const log = alertIncident();
    const relapse = logOf([[t2 + 20, cora, "recovery-verified", recovery(false, t2 + 20, ["fail"])], [t2 + 30, cora, "recovery-verified", recovery(true, t2 + 30, ["pass"])]]);
    const entries = [...log.slice(0, 8), ...relapse, ...log.slice(8)].map((e, i) => ({ ...e, seq: i + 1 }));
    expect(deriveIncident(entries).keyTimes.mitigated).toBe(at(t2 + 30));
  });

  it("without any passing recovery check, mitigation is the commander's word at the confirmation; nobody confirming leaves it unset", () => {
    const log = alertIncident().filter((e) => e.kind !== "recovery-verified" || e.seq < 8);
    expect(deriveIncident(log).keyTimes.mitigated).toBe(at(t3));
    expect(deriveIncident(log).mitigation.confirmed?.evidenceAt).toBeNull();
    const noConfirmation = alertIncident().map((e) => (e.seq === 10 ? { ...e, author: system } : e));
    expect(deriveIncident(noConfirmation).keyTimes.mitigated).toBeUndefined();
  });

  it("an explicit key time still wins over what is derived", () => {
    const log = [...alertIncident(), ...logOf([[1000, cora, "key-time-set", { key: "acknowledged", at: at(60) }]])].map((e, i) => ({ ...e, seq: i + 1 }));
    expect(deriveIncident(log).keyTimes.acknowledged).toBe(at(60));
  });

  it("advancing one live entry at a time ends where the whole log ends", () => {
    const entries = alertIncident();
    let state = emptyState();
    for (let i = 0; i < entries.length; i++) {
      state = advanceIncident(state, entries[i]!);
      expect(state).toEqual(deriveIncident(entries.slice(0, i + 1)));
    }
  });

  it("a false alarm keeps its own figures but leaves every aggregate", () => {
    const real = alertIncident();
    const falseAlarm = logOf([
      [0, intake, "incident-opened", { title: "flapping alert", cluster: "prod", scope: { topics: [], groups: ["billing"], services: [] } }],
      [0, intake, "status-changed", { from: "detection", to: "triage" }],
      [30, cora, "status-changed", { from: "triage", to: "closed", falseAlarm: { reason: "the alert's threshold was wrong" } }],
    ]);
    const s = deriveIncident(falseAlarm);
    expect(s.falseAlarm).toEqual({ at: at(30), by: "Cora", reason: "the alert's threshold was wrong" });
    expect(s.keyTimes.resolved).toBeUndefined();
    const dash = buildDashboard({ incidents: [incidentFacts("real", real), incidentFacts("fa", falseAlarm)], actionItems: [], now: T0 + 86_400_000 });
    expect(dash).toMatchObject({ incidentCount: 1, falseAlarmsExcluded: 1 });
    expect(dash.summary.mtta).toMatchObject({ n: 1, m: 1, medianSeconds: t1 });
    expect(dash.summary.mttm).toMatchObject({ n: 1, m: 1, medianSeconds: t2 });
    expect(dash.summary.mttr).toMatchObject({ n: 1, m: 1, medianSeconds: t4 });
  });
});
