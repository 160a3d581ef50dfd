import { describe, expect, it } from "vitest";
import { advanceIncident, deriveIncident, emptyState } from "./derive";
import { canTransition, type IncidentEntry } from "./types";

const cora = { id: "u1", name: "Cora", kind: "user" as const };
const remy = { id: "u2", name: "Remy", kind: "user" as const };
let seq = 0;
const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 9, min)).toISOString();
function entry(kind: string, payload: unknown, opts: Partial<IncidentEntry> = {}): IncidentEntry {
  seq += 1;
  return { id: `e${seq}`, incidentId: "i1", seq, kind, item: null, author: cora, createdAt: at(seq), payload, correctsEntryId: null, ...opts };
}

function log(): IncidentEntry[] {
  seq = 0;
  return [
    entry("incident-opened", { title: "orders lag", cluster: "prod", scope: { topics: ["orders"], groups: ["billing"], services: [] }, impactStartedAt: at(-10) }),
    entry("role-changed", { role: "commander", userId: "u1", userName: "Cora", action: "took" }, { item: "role:commander" }),
    entry("annotation", { annotationKind: "observation", body: "lag started at 09:12", links: [] }, { author: remy }),
    entry("status-changed", { from: "detection", to: "triage" }, { item: "status" }),
    entry("severity-set", { level: "SEV2", decision: "accepted", proposedLevel: "SEV2", proposalSeq: null, rationale: "backlog grows" }, { item: "severity" }),
  ];
}

describe("deriveIncident", () => {
  it("derives title, scope, status, severity, commander and participants from the log", () => {
    const s = deriveIncident(log());
    expect(s).toMatchObject({ title: "orders lag", cluster: "prod", status: "triage", severity: "SEV2", lastSeq: 5 });
    expect(s.commander?.name).toBe("Cora");
    expect(s.participants.map((p) => p.name)).toEqual(["Cora", "Remy"]);
    expect(s.itemVersions).toEqual({ "role:commander": 2, status: 4, severity: 5 });
  });

  it("is independent of entry order", () => {
    expect(deriveIncident([...log()].reverse())).toEqual(deriveIncident(log()));
  });

  it("keeps impact start and detection apart and computes MTTD / MTTA / MTTM / MTTR", () => {
    const entries = log();
    entries.push(entry("status-changed", { from: "triage", to: "resolution" }, { item: "status" }));
    entries.push(entry("status-changed", { from: "resolution", to: "review" }, { item: "status" }));
    const s = deriveIncident(entries);
    expect(s.keyTimes.impactStart).toBe(at(-10));
    expect(s.keyTimes.detected).toBe(at(1));
    // opened by a person: that person acknowledged it when they opened it
    expect(s.keyTimes.acknowledged).toBe(at(1));
    // no recovery check ever passed: mitigated on the commander's word, at the confirmation
    expect(s.keyTimes.mitigated).toBe(at(6));
    expect(s.mitigation.confirmed).toEqual({ at: at(6), by: "Cora", evidenceAt: null });
    expect(s.metrics).toEqual({ mttdSeconds: 11 * 60, mttaSeconds: 0, mttmSeconds: 16 * 60, mttrSeconds: 17 * 60 });
  });

  it("lets an explicit key time win over the one a status change implies, even if set earlier", () => {
    const entries = log();
    entries.splice(1, 0, { ...entry("key-time-set", { key: "acknowledged", at: at(2) }), seq: 1.5 });
    expect(deriveIncident(entries).keyTimes.acknowledged).toBe(at(2));
  });

  it("records severity history with rationale and hands command over", () => {
    const entries = log();
    entries.push(entry("severity-set", { level: "SEV1", decision: "overridden", proposedLevel: "SEV2", proposalSeq: null, rationale: "payments" }, { item: "severity" }));
    entries.push(entry("role-changed", { role: "commander", userId: "u2", userName: "Remy", action: "handed-over" }, { item: "role:commander" }));
    const s = deriveIncident(entries);
    expect(s.severityHistory.map((h) => [h.level, h.decision, h.rationale])).toEqual([
      ["SEV2", "accepted", "backlog grows"],
      ["SEV1", "overridden", "payments"],
    ]);
    expect(s.commander?.name).toBe("Remy");
    expect(s.commanderHistory).toHaveLength(2);
  });

  it("passes unknown kinds through and indexes corrections", () => {
    const entries = log();
    entries.push(entry("checklist-item-checked", { itemId: "x" }, { item: "checklist:x", author: { id: "u3", name: "Tia", kind: "user" } }));
    entries.push(entry("correction", { body: "it started at 09:14" }, { correctsEntryId: "e3" }));
    const s = deriveIncident(entries);
    expect(s.status).toBe("triage");
    expect(s.itemVersions["checklist:x"]).toBe(6);
    expect(s.participants.map((p) => p.name)).toContain("Tia");
    expect(s.corrections).toEqual({ e3: [7] });
  });
});

describe("advanceIncident (one live entry at a time)", () => {
  it("ends where deriveIncident over the whole log ends, leaving every earlier state untouched", () => {
    const entries = log();
    entries.push(entry("key-time-set", { key: "acknowledged", at: at(3) }, { item: "key:acknowledged" }));
    entries.push(entry("status-changed", { from: "triage", to: "resolution" }, { item: "status" }));
    entries.push(entry("correction", { body: "it started at 09:14" }, { correctsEntryId: "e3" }));
    entries.push(entry("correction", { body: "no, 09:13" }, { correctsEntryId: "e3", author: remy }));
    entries.push(entry("role-changed", { role: "commander", userId: "u2", userName: "Remy", action: "handed-over" }, { item: "role:commander" }));
    entries.push(entry("checklist-item-checked", { itemId: "x" }, { item: "checklist:x", author: { id: "u3", name: "Tia", kind: "user" } }));
    const states = [emptyState()];
    const snapshots = [JSON.stringify(states[0])];
    for (const e of entries) {
      states.push(advanceIncident(states[states.length - 1]!, e));
      snapshots.push(JSON.stringify(states[states.length - 1]));
    }
    for (let i = 1; i <= entries.length; i++) expect(states[i]).toEqual(deriveIncident(entries.slice(0, i)));
    // advancing never changed a state it was given (React keeps the previous one)
    expect(states.map((st) => JSON.stringify(st))).toEqual(snapshots);
    expect(states[1]).toEqual(deriveIncident(entries.slice(0, 1)));
    expect(states.at(-1)?.corrections).toEqual({ e3: [8, 9] });
  });
});

describe("lifecycle", () => {
  it("allows forward moves and regressions, never out of closed", () => {
    expect(canTransition("detection", "triage")).toBe(true);
    expect(canTransition("resolution", "mitigation")).toBe(true);
    expect(canTransition("triage", "closed")).toBe(false);
    expect(canTransition("closed", "triage")).toBe(false);
  });
});
