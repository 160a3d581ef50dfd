import { describe, expect, it } from "vitest";
import { CAPTURED } from "@/lib/domain/__fixtures__";
import { routeScope } from "@/lib/domain/catalog/match";
import type { CatalogEntry, Owner } from "@/lib/domain/catalog/types";
import { diagnose } from "@/lib/domain/diagnosis/rank";
import { computeSignals } from "@/lib/domain/evidence/signals";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { deriveRouting } from "./derive";
import { causeOf, routingChange, settledSide, sideOfLeaf } from "./follow";
import { initialRouting, ownersForSide } from "./owners";
import { OWNERS_SUGGESTED_KIND, ROUTING_CHANGED_KIND, type ClusterRoutingSettings } from "./types";

const owner = (name: string): Owner => ({ name, contact: `slack:#${name.toLowerCase()}` });
function entry(kind: CatalogEntry["kind"], match: string, over: Partial<CatalogEntry> = {}): CatalogEntry {
  return { kind, match, service: `svc-${match}`, team: "team", tier: "standard", freshnessSloSeconds: null, owners: { impact: owner("Impact"), diagnosis: owner("Diag"), action: owner("Act") }, runbook: null, reads: [], channels: [], onBreach: "open", notes: null, ...over };
}

const catalog = [
  entry("group", "orders-sink", { service: "orders-sink", team: "orders", tier: "critical", freshnessSloSeconds: 20, owners: { impact: owner("Checkout"), diagnosis: owner("Orders"), action: owner("OrdersOps") }, runbook: "https://runbooks.example/orders-sink" }),
  entry("topic", "orders", { service: "orders-api", team: "orders-api", owners: { impact: owner("Checkout"), diagnosis: owner("OrdersApi"), action: owner("OrdersApi") } }),
];
const settings: ClusterRoutingSettings = { cluster: "local", defaultChannel: null, approversChannel: null, platformOwner: owner("Platform"), platformChannel: "platform", platformRunbook: "https://runbooks.example/kafka" };
const scope = { topics: ["orders"], groups: ["orders-sink"] };

let seq = 0;
const logEntry = (kind: string, payload: unknown): IncidentEntry => ({ id: `e${++seq}`, incidentId: "i1", seq, kind, item: null, author: { id: "system", name: "Ripcord", kind: "system" }, createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0, seq)).toISOString(), payload, correctsEntryId: null });

describe("routing at open", () => {
  it("starts on the consuming application when the catalog knows the group: impact, diagnosis and action with contacts and runbook", () => {
    const r = initialRouting(catalog, scope, settings);
    expect(r.side).toBe("consumer");
    expect(r.owners.impact.map((o) => o.name)).toEqual(["Checkout"]);
    expect(r.owners.diagnosis.map((o) => [o.name, o.contact])).toEqual([["Orders", "slack:#orders"]]);
    expect(r.owners.action.map((o) => o.name)).toEqual(["OrdersOps"]);
    expect(r.runbooks).toEqual([{ service: "orders-sink", url: "https://runbooks.example/orders-sink" }]);
    expect(r).toMatchObject({ freshnessSloSeconds: 20, tier: "critical", platform: { name: "Platform" } });
  });

  it("starts on the producer with only a topic entry, and on the platform with no entry at all", () => {
    expect(initialRouting(catalog, { topics: ["orders"], groups: [] }, settings).side).toBe("producer");
    const none = initialRouting(catalog, { topics: ["unknown"], groups: [] }, settings);
    expect(none.side).toBe("platform");
    expect(none.owners.diagnosis.map((o) => o.name)).toEqual(["Platform"]);
    expect(none.unmatched).toEqual([{ kind: "topic", name: "unknown" }]);
    // and says so when no platform owner is configured either
    expect(initialRouting(catalog, { topics: ["unknown"], groups: [] }, { ...settings, platformOwner: null }).side).toBe("consumer");
  });
});

describe("the routing follows the diagnosis", () => {
  it("maps the tree's branches to sides: broker, cluster and topic design to the platform", () => {
    expect(sideOfLeaf("broker.down")).toBe("platform");
    expect(sideOfLeaf("cluster.controller-churn")).toBe("platform");
    expect(sideOfLeaf("topic.partition-skew")).toBe("platform");
    expect(sideOfLeaf("producer.traffic-spike")).toBe("producer");
    expect(sideOfLeaf("consumer.stopped")).toBe("consumer");
    expect(sideOfLeaf("consumer.sink-bottleneck")).toBe("consumer");
    expect(sideOfLeaf("nope")).toBeNull();
  });

  it("moves diagnosis and action (not impact) to the platform for a broker cause, as a log entry the state replays", () => {
    seq = 0;
    const opened = logEntry(OWNERS_SUGGESTED_KIND, initialRouting(catalog, scope, settings));
    const state = deriveRouting([opened])!;
    const cause = causeOf("broker.down", 0.9, ["broker 2 left the cluster"])!;
    const change = routingChange(state, cause, "evidence", ownersForSide(routeScope(catalog, scope), "platform", settings))!;
    expect(change).toMatchObject({ from: "consumer", to: "platform", trigger: "evidence" });
    expect(change.diagnosis.map((o) => o.name)).toEqual(["Platform"]);
    expect(change.previous.diagnosis.map((o) => o.name)).toEqual(["Orders"]);
    expect(change.summary).toContain("consuming application (Orders) to the Kafka platform (Platform)");
    const after = deriveRouting([opened, logEntry(ROUTING_CHANGED_KIND, change)])!;
    expect(after.side).toBe("platform");
    expect(after.impact.map((o) => o.name)).toEqual(["Checkout"]);
    expect(after.action.map((o) => o.name)).toEqual(["Platform"]);
    expect(after.runbooks[0]?.url).toBe("https://runbooks.example/kafka");
    expect(after.history.map((h) => [h.kind, h.side])).toEqual([["opened", "consumer"], ["changed", "platform"]]);
    // a cause on the side it is already on changes nothing
    expect(routingChange(after, causeOf("broker.under-replicated", 0.7, [])!, "evidence", ownersForSide(routeScope(catalog, scope), "platform", settings))).toBeNull();
  });

  it("says who is missing when the cluster has no platform owner", () => {
    const owners = ownersForSide(routeScope(catalog, scope), "platform", { ...settings, platformOwner: null });
    expect(owners.diagnosis).toEqual([]);
    expect(owners.warnings[0]).toMatch(/no platform owner is set for cluster local/);
  });

  it("waits for the evidence's leader to stay on a side before following it", () => {
    expect(settledSide(["broker.down"])).toBeNull();
    expect(settledSide(["consumer.stopped", "broker.down"])).toBeNull();
    expect(settledSide(["consumer.stopped", "broker.down", "broker.under-replicated"])).toBe("platform");
    expect(settledSide(["broker.down", null])).toBeNull();
  });

  it("on evidence captured from a real broker going down, the leading cause moves the routing to the platform", () => {
    const f = CAPTURED.find((x) => x.id === "broker-down")!;
    const top = diagnose(computeSignals(f.history), { scope: f.scope }).causes[0]!;
    expect(sideOfLeaf(top.id)).toBe("platform");
    const slowSink = CAPTURED.find((x) => x.id === "slow-sink")!;
    expect(sideOfLeaf(diagnose(computeSignals(slowSink.history), { scope: slowSink.scope }).causes[0]!.id)).toBe("consumer");
  });

  it("reads alert intake's older owners-suggested entries (no side) as the consumer side", () => {
    seq = 0;
    const legacy = initialRouting(catalog, scope, settings) as Partial<ReturnType<typeof initialRouting>>;
    delete legacy.side;
    delete legacy.platform;
    expect(deriveRouting([logEntry(OWNERS_SUGGESTED_KIND, legacy)])?.side).toBe("consumer");
    expect(deriveRouting([])).toBeNull();
  });
});
