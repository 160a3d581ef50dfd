import { describe, expect, it } from "vitest";
import { ENTRY_KIND_NAMES, describeEntry, type EntryKindName } from "./entry-kinds";

/** One payload per kind, in the shape the code that appends it writes (lib/server/**). */
const PAYLOADS: Record<EntryKindName, Record<string, unknown>> = {
  "incident-opened": { title: "Billing lag", cluster: "prod", scope: { groups: ["billing"], topics: ["orders"], services: [] }, summary: "opened from an alert" },
  "status-changed": { from: "triage", to: "mitigation", note: "scaling out billing" },
  "severity-proposed": { level: "SEV2", reasons: [{ question: "q1", text: "billing is 12 min behind its 5 min SLO", source: "kafka" }], answers: {}, evidenceTakenAt: null },
  "severity-set": { level: "SEV2", decision: "overridden", proposedLevel: "SEV3", proposalSeq: 4, rationale: "invoices go out at 10:00" },
  annotation: { annotationKind: "hypothesis", body: "the v2.3 deploy made each record slower", links: [] },
  "role-changed": { role: "commander", userId: "u2", userName: "Remy Responder", action: "handed-over" },
  "key-time-set": { key: "impactStart", at: "2026-12-01T09:12:00.000Z", note: "first lag point on the chart" },
  event: { type: "deploy", description: "billing v2.3", at: "2026-12-01T09:10:00.000Z", service: "billing", topics: [], groups: [], source: "api" },
  "evidence-captured": { takenAt: "2026-12-01T09:15:00.000Z", summary: "Evidence at open: billing lag 1200 records (~90 s behind)" },
  "change-detected": { change: "config", description: "retention.ms changed on orders", at: "2026-12-01T09:11:00.000Z" },
  "evidence-change": { change: "group-rebalancing", description: "billing is rebalancing", at: "2026-12-01T09:13:00.000Z", topics: [], groups: ["billing"] },
  correction: { body: "it was 09:14, not 09:12" },
  "title-changed": { title: "Billing stuck on a poison record" },
  "alert-firing": { source: "alertmanager", name: "ConsumerLagHigh", status: "firing", summary: "billing lag above 1000", url: "http://prometheus:9090/graph" },
  "alert-resolved": { source: "alertmanager", name: "ConsumerLagHigh", status: "resolved" },
  "owners-suggested": { owners: { impact: [{ name: "Finance", contact: "slack:#finance" }], diagnosis: [], action: [{ name: "FinanceOps", contact: "pager:finops" }] }, services: [], runbooks: [], unmatched: [] },
  "checklist-item-updated": { itemId: "control.scale-consumers", action: "skip", reason: "the topic has 1 partition: a second consumer would sit idle" },
  "action-requested": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "orders retention.ms: 7 d → 14 d", note: "keep the backlog" },
  "action-approved": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "orders retention.ms: 7 d → 14 d", note: "checked with finance" },
  "action-rejected": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "orders retention.ms: 7 d → 14 d", note: "disk is at 91 %" },
  "action-executed": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "orders retention.ms: 7 d → 14 d" },
  "action-failed": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "orders retention.ms: 7 d → 14 d", error: "broker refused: policy violation" },
  "action-rolled-back": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "orders retention.ms: 7 d → 14 d", recipe: "remove the override" },
  "action-refused": { actionId: "a1", kind: "reset-offsets", title: "Reset consumer offsets", summary: "billing partition 0 → 120", error: "the group has active members" },
  "action-approval-expired": { actionId: "a1", kind: "reset-offsets", title: "Reset consumer offsets", summary: "billing partition 0 → 120", error: "approved 40 min ago" },
  "action-rollback-requested": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "rollback requested, waiting for a second person's approval: remove the override" },
  "action-rollback-approved": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "rollback approved: remove the override", note: "fine" },
  "action-rollback-rejected": { actionId: "a1", kind: "change-retention", title: "Change topic retention", summary: "rollback declined; the action stays executed", note: "keep it" },
  "recovery-verified": { ready: false, checks: [{ id: "lag", title: "Lag not growing", status: "pass", current: "lag 40, falling" }, { id: "freshness", title: "Freshness under the SLO", status: "fail", current: "95 s > 60 s" }], sample: null, freshnessSloSeconds: 60, noGrowthSeconds: 300 },
  "tree-mark": { leafId: "consumer.slow-processing", mark: "confirmed", note: "p99 per record went from 4 ms to 90 ms with v2.3" },
  "tree-answer": { leafId: "consumer.slow-processing", question: 0, questionText: "Did processing time per record go up?", answer: "yes", note: "dashboards say 90 ms" },
  "review-pin": { entryId: "e1", pinned: true },
  "review-state-changed": { from: "draft", to: "in-review", version: 2 },
  "routing-changed": { from: "consumer", to: "broker", trigger: "confirmed", summary: "Diagnosis and action move to Streaming platform (broker cause confirmed: Broker overload)", warnings: [] },
  "stakeholder-update": { known: "billing-sink stopped at 09:12", impact: "invoices 20 min late", next: "restart with the fix", nextUpdateAt: "2026-12-01T10:00:00.000Z" },
  "stakeholder-update-due": { updateSeq: 7, dueAt: "2026-12-01T10:00:00.000Z", summary: "The next stakeholder update was due at 10:00:00 UTC" },
  "freshness-breach": { group: "billing-sink", summary: "billing-sink (billing): freshness SLO breached — the oldest unconsumed record is 42 s old, over the 20 s freshness SLO" },
  "freshness-recovered": { group: "billing-sink", summary: "billing-sink (billing) has tripped no freshness rule for 2 min: the breach is over" },
  "drill-started": { drill: true, scenario: "poison-record", summary: "Drill started by Cora: Poison record (seed 001 S4); auto-stop at 10:00" },
  "drill-stopped": { drill: true, scenario: "poison-record", reason: "stopped by the commander", summary: "Drill stopped (manual); every topic, group and config change it made was removed." },
};

const rawName = (kind: string) => new RegExp(`^\\s*${kind.replace(/[-]/g, "[- ]")}\\s*$`, "i");

describe("entry kind registry", () => {
  it("has a describer for every kind in the union, and a fixture here for each", () => {
    expect(Object.keys(PAYLOADS).sort()).toEqual([...ENTRY_KIND_NAMES].sort());
  });

  it.each(ENTRY_KIND_NAMES)("%s reads as words, not as its type name", (kind) => {
    const s = describeEntry({ kind, payload: PAYLOADS[kind] });
    // The label may be the kind in words ("Drill started"), never its identifier; the text says more than the kind.
    expect(s.label).not.toContain(kind.includes("-") ? kind : `${kind}-`);
    expect(s.label).toMatch(/^[A-Z]/);
    expect(s.text).not.toMatch(rawName(kind));
    expect(s.text.length).toBeGreaterThan(8);
    expect(s.text).not.toMatch(/undefined|\[object Object\]|NaN/);
  });

  it("names the node, the item, the action and carries the note", () => {
    expect(describeEntry({ kind: "tree-mark", payload: PAYLOADS["tree-mark"] })).toEqual({
      label: "Root cause",
      text: "Marked “Slow processing” confirmed",
      note: "p99 per record went from 4 ms to 90 ms with v2.3",
    });
    expect(describeEntry({ kind: "checklist-item-updated", payload: PAYLOADS["checklist-item-updated"] })).toEqual({
      label: "Checklist",
      text: "Skipped “Scale the constrained consumer”",
      note: "the topic has 1 partition: a second consumer would sit idle",
    });
    expect(describeEntry({ kind: "checklist-item-updated", payload: { itemId: "runbook.verify", action: "assign", assigneeId: "u2", assigneeName: "Remy Responder" } }).text).toBe("Assigned “Verify correctness” to Remy Responder");
    expect(describeEntry({ kind: "recovery-verified", payload: PAYLOADS["recovery-verified"] }).text).toBe(
      "Recovery not verified yet: 1 of 2 checks pass — Lag not growing: pass (lag 40, falling); Freshness under the SLO: fail (95 s > 60 s)",
    );
    expect(describeEntry({ kind: "action-refused", payload: PAYLOADS["action-refused"] })).toMatchObject({ text: "Refused to execute Reset consumer offsets: billing partition 0 → 120", note: "the group has active members" });
    expect(describeEntry({ kind: "owners-suggested", payload: PAYLOADS["owners-suggested"] }).text).toBe("Owners from the catalog: impact Finance; action FinanceOps");
  });

  it("reads an old or partial payload without throwing, and an unknown kind as words", () => {
    for (const kind of ENTRY_KIND_NAMES) expect(describeEntry({ kind, payload: null }).text.length).toBeGreaterThan(3);
    expect(describeEntry({ kind: "stakeholder-update", payload: { body: "ETA 10:30" } })).toEqual({ label: "Stakeholder update", text: "ETA 10:30" });
    expect(describeEntry({ kind: "some-new-kind", payload: {} })).toEqual({ label: "Some new kind", text: "Some new kind (no details recorded)" });
  });
});
