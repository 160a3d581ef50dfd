import { describe, expect, it } from "vitest";
import type { CatalogEntry, Owner } from "@/lib/domain/catalog/types";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { routeScope } from "@/lib/domain/catalog/match";
import { deriveRouting } from "@/lib/domain/routing/derive";
import { causeOf, routingChange } from "@/lib/domain/routing/follow";
import { initialRouting, ownersForSide } from "@/lib/domain/routing/owners";
import { OWNERS_SUGGESTED_KIND, ROUTING_CHANGED_KIND } from "@/lib/domain/routing/types";
import { summarizeForLateJoiner } from "./summarize";

const owner = (name: string): Owner => ({ name, contact: `slack:#${name.toLowerCase()}` });
const catalog: CatalogEntry[] = [
  { kind: "group", match: "orders-sink", service: "orders-sink", team: "orders", tier: "critical", freshnessSloSeconds: 20, owners: { impact: owner("Checkout"), diagnosis: owner("Orders"), action: owner("OrdersOps") }, runbook: null, reads: [], channels: [], onBreach: "open", notes: null },
];
const settings = { cluster: "local", defaultChannel: null, approversChannel: null, platformOwner: owner("Platform"), platformChannel: null, platformRunbook: null };
const scope = { topics: ["orders"], groups: ["orders-sink"], services: [] };

const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
let seq = 0;
const cora = { id: "u1", name: "Cora", kind: "user" as const };
const system = { id: "system", name: "Ripcord", kind: "system" as const };
function e(kind: string, payload: unknown, author: IncidentEntry["author"] = cora): IncidentEntry {
  seq++;
  return { id: `e${seq}`, incidentId: "inc1", seq, kind, item: null, author, createdAt: new Date(T0 + seq * 60_000).toISOString(), payload, correctsEntryId: null };
}

function log(): IncidentEntry[] {
  seq = 0;
  const entries = [
    e("incident-opened", { title: "orders-sink is behind", cluster: "local", scope, impactStartedAt: new Date(T0 - 30_000).toISOString() }, system),
    e(OWNERS_SUGGESTED_KIND, initialRouting(catalog, scope, settings), system),
    e("role-changed", { role: "commander", userId: "u1", userName: "Cora", action: "took" }),
    e("severity-proposed", { level: "SEV2", reasons: [{ question: "q", text: "orders-sink is 45 s behind its 20 s SLO", source: "kafka", level: "SEV2" }], answers: {}, evidenceTakenAt: null }, system),
    e("severity-set", { level: "SEV2", decision: "accepted", proposedLevel: "SEV2", proposalSeq: 4, rationale: "" }),
    e("status-changed", { from: "detection", to: "mitigation" }),
    e("action-requested", { actionId: "a1", title: "Reset consumer group offsets", summary: "orders-sink to latest", needsApproval: true, requestedBy: { name: "Cora" }, blastRadius: { level: "high", why: "skips records" } }),
    e("stakeholder-update", { known: "orders-sink stopped consuming.", impact: "Checkout dashboards are stale.", next: "Restart after the offset decision.", nextUpdateAt: new Date(T0 + 30 * 60_000).toISOString() }),
  ];
  const state = deriveRouting(entries)!;
  const cause = causeOf("broker.down", 0.8, ["broker 2 left the cluster"])!;
  entries.push(e(ROUTING_CHANGED_KIND, routingChange(state, cause, "evidence", ownersForSide(routeScope(catalog, scope), "platform", settings)), system));
  return entries;
}

describe("catch-up for a late joiner", () => {
  it("says what happened, severity with reasons, the leading cause, what waits for whom and who owns what", () => {
    const entries = log();
    const c = summarizeForLateJoiner(entries, [{ takenAt: new Date(T0).toISOString(), moment: "at open", summary: "orders-sink: stopped, lag 1,200" }], T0 + 20 * 60_000);
    expect(c.headline).toBe("SEV2 · Mitigation · commander Cora · open 19 min · 1 participant(s)");
    expect(c.moments.map((m) => m.text)).toEqual([
      "Opened by Ripcord: orders-sink is behind",
      "Cora took command",
      "Cora set SEV2",
      "Cora moved it to Mitigation",
      "Cora requested Reset consumer group offsets: orders-sink to latest",
      "Cora posted a stakeholder update",
      expect.stringContaining("to the Kafka platform (Platform)"),
    ]);
    expect(c.severity).toMatchObject({ current: "SEV2", proposed: "SEV2", differs: false, proposedReasons: ["orders-sink is 45 s behind its 20 s SLO"] });
    expect(c.cause).toMatchObject({ leading: "Broker down", confirmed: false, because: ["broker 2 left the cluster"] });
    expect(c.waiting).toEqual([
      { what: "approval of Reset consumer group offsets (orders-sink to latest)", who: "an approver other than Cora" },
      { what: "the next stakeholder update (due 10:30:00 UTC)", who: "Cora" },
    ]);
    expect(c.owners).toMatchObject({ impact: "Checkout (slack:#checkout)", diagnosis: "Platform (slack:#platform)", side: "Kafka platform" });
    expect(c.lastUpdate?.text).toMatch(/^Known: orders-sink stopped consuming\./);
    expect(c.evidence).toHaveLength(1);
    expect(c.impact).toMatch(/impact since 09:59:30 UTC/);
  });

  it("is deterministic, and follows the log: a confirmed cause, an executed action, an overdue update", () => {
    const entries = log();
    expect(summarizeForLateJoiner(entries, [], T0 + 20 * 60_000)).toEqual(summarizeForLateJoiner([...entries].reverse(), [], T0 + 20 * 60_000));
    entries.push(
      e("tree-mark", { leafId: "consumer.stopped", mark: "confirmed", note: "the pod was OOM-killed" }),
      e("action-approved", { actionId: "a1", title: "Reset consumer group offsets" }, { id: "u2", name: "Remy", kind: "user" }),
      e("action-executed", { actionId: "a1", title: "Reset consumer group offsets", summary: "orders-sink to latest" }),
    );
    const c = summarizeForLateJoiner(entries, [], T0 + 40 * 60_000);
    expect(c.cause).toMatchObject({ leading: "Consumers stopped or hung", confirmed: true, because: ["confirmed by Cora: the pod was OOM-killed"] });
    expect(c.tried).toEqual([expect.stringMatching(/^Reset consumer group offsets: orders-sink to latest \(by Cora, /)]);
    expect(c.waiting).toEqual([{ what: "the next stakeholder update (overdue since 10:30:00 UTC)", who: "Cora" }]);
  });
});
