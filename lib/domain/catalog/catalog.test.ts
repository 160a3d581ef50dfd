import { describe, expect, it } from "vitest";
import { proposeSeverity } from "@/lib/domain/severity/propose";
import { globMatches, patternProblem } from "./glob";
import { blastRadius, findEntry, routeScope, severityStreams } from "./match";
import type { CatalogEntry, Owner } from "./types";
import { parseCatalogYaml, serializeCatalogYaml } from "./yaml";

const owner = (name: string): Owner => ({ name, contact: `slack:#${name.toLowerCase()}` });
function entry(kind: CatalogEntry["kind"], match: string, over: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    kind,
    match,
    service: `svc-${match}`,
    team: "team",
    tier: "standard",
    freshnessSloSeconds: null,
    owners: { impact: owner("Impact"), diagnosis: owner("Diag"), action: owner("Act") },
    runbook: null,
    reads: [],
    channels: [],
    onBreach: "open",
    notes: null,
    ...over,
  };
}

describe("glob patterns", () => {
  it("matches * across dots, ? one char, classes and negated classes", () => {
    expect(globMatches("payments.*", "payments.events.v2")).toBe(true);
    expect(globMatches("payments.*", "payment.events")).toBe(false);
    expect(globMatches("orders-v?", "orders-v2")).toBe(true);
    expect(globMatches("orders-v?", "orders-v10")).toBe(false);
    expect(globMatches("eu-[ab]-*", "eu-a-x")).toBe(true);
    expect(globMatches("eu-[!ab]-*", "eu-a-x")).toBe(false);
    expect(globMatches("a.b", "aXb")).toBe(false);
  });
  it("reports unusable patterns", () => {
    expect(patternProblem("x[ab")).toMatch(/unclosed/);
    expect(patternProblem("x]")).toMatch(/without/);
    expect(patternProblem("x[]")).toMatch(/empty/);
    expect(patternProblem("x-*")).toBeNull();
  });
});

describe("matching precedence", () => {
  const entries = [entry("topic", "payments.*"), entry("topic", "payments.orders.*"), entry("topic", "payments.orders.created"), entry("group", "payments.orders.created")];
  it("exact beats any pattern, more literal pattern beats a broader one", () => {
    expect(findEntry(entries, "topic", "payments.orders.created")?.match).toBe("payments.orders.created");
    expect(findEntry(entries, "topic", "payments.orders.updated")?.match).toBe("payments.orders.*");
    expect(findEntry(entries, "topic", "payments.refunds")?.match).toBe("payments.*");
    expect(findEntry(entries, "topic", "shipping")).toBeNull();
  });
  it("never matches across kinds", () => {
    expect(findEntry(entries, "group", "payments.orders.updated")).toBeNull();
  });
  it("does not depend on storage order", () => {
    const reversed = [...entries].reverse();
    for (const name of ["payments.orders.created", "payments.orders.x", "payments.y"]) {
      expect(findEntry(reversed, "topic", name)?.match).toBe(findEntry(entries, "topic", name)?.match);
    }
  });
});

describe("routing, severity context and blast radius", () => {
  const entries = [
    entry("topic", "payments.*", { service: "checkout", team: "payments", tier: "critical", freshnessSloSeconds: 60, owners: { impact: owner("Payments"), diagnosis: owner("Platform"), action: owner("Payments") } }),
    entry("group", "ledger-writer", { service: "ledger", team: "finance", tier: "important", freshnessSloSeconds: 300, reads: ["payments.events"], owners: { impact: owner("Finance"), diagnosis: owner("Finance"), action: owner("FinanceOps") } }),
    entry("group", "fraud-*", { service: "fraud", team: "risk", reads: ["payments.*"] }),
    entry("group", "warehouse", { service: "warehouse", team: "data", reads: ["clicks"] }),
  ];

  it("routes a scope to three distinct owners, group entry first, and lists gaps", () => {
    const r = routeScope(entries, { topics: ["payments.events", "unknown-topic"], groups: ["ledger-writer"] });
    expect(r.owners.impact.map((o) => o.name)).toEqual(["Finance", "Payments"]);
    expect(r.owners.diagnosis.map((o) => o.name)).toEqual(["Finance", "Platform"]);
    expect(r.owners.action[0]).toMatchObject({ name: "FinanceOps", service: "ledger", via: "group ledger-writer" });
    expect(r.services).toEqual(["ledger", "checkout"]);
    expect(r.unmatched).toEqual([{ kind: "topic", name: "unknown-topic" }]);
  });

  it("gives proposeSeverity the SLO and tier per named stream", () => {
    const streams = severityStreams(entries, { topics: ["payments.events"], groups: ["ledger-writer", "nobody"] });
    expect(streams).toEqual([
      { group: "ledger-writer", tier: "important", freshnessSloSeconds: 300 },
      { topic: "payments.events", tier: "critical", freshnessSloSeconds: 60 },
    ]);
    // and proposeSeverity really reads it: 900 s of time lag breaches the 300 s SLO of an important stream → SEV2
    const group = {
      groupId: "ledger-writer",
      topics: ["payments.events"],
      state: "Stable",
      status: "stalled",
      memberCount: 1,
      partitionCount: 1,
      idleMembers: 0,
      totalLag: 500,
      maxTimeLagSeconds: 900,
      lagGrowthPerSec: 0,
      drain: "stalled",
      timeToDrainSeconds: null,
      partitions: [],
    };
    const signals = { samples: 2, takenAt: 1, cluster: { offlinePartitions: [], underMinIsr: [], underReplicated: [] }, topics: [], groups: [group] } as unknown as Parameters<typeof proposeSeverity>[0];
    const proposal = proposeSeverity(signals, { scope: { groups: ["ledger-writer"] }, streams });
    expect(proposal.reasons.some((r) => r.text.includes("SLO 5 min") && r.level === "SEV2")).toBe(true);
  });

  it("finds the services reading the topics of a lagging group, from Kafka and the catalog", () => {
    const b = blastRadius(entries, "ledger-writer", {
      liveGroups: [
        { groupId: "ledger-writer", topics: ["payments.events"] },
        { groupId: "fraud-scorer", topics: ["payments.events"] },
        { groupId: "mystery", topics: ["payments.events", "other"] },
        { groupId: "warehouse", topics: ["clicks"] },
      ],
      groupTopics: ["payments.events"],
    });
    expect(b.readers.map((r) => [r.group, r.service, r.source])).toEqual([
      ["ledger-writer", "ledger", "kafka"],
      ["fraud-scorer", "fraud", "kafka"],
      ["mystery", null, "kafka"],
    ]);
    expect(b.services).toEqual(["ledger", "fraud"]);
    expect(b.topicOwners).toEqual([{ topic: "payments.events", service: "checkout", team: "payments" }]);
  });

  it("falls back to the catalog's reads when Kafka is not asked", () => {
    const b = blastRadius(entries, "ledger-writer");
    expect(b.topics).toEqual(["payments.events"]);
    expect(b.readers.map((r) => r.group)).toEqual(["ledger-writer", "fraud-*"]);
  });
});

const GOOD = `version: 1
entries:
  - topic: payments.*
    service: checkout
    team: payments
    tier: critical
    freshnessSloSeconds: 60
    owners:
      impact: { name: Payments, contact: "slack:#payments" }
      diagnosis: { name: Platform, contact: "pagerduty:PLATFORM" }
      action: { name: Payments, contact: "pagerduty:PAYMENTS" }
    runbook: https://runbooks.example/payments
  - group: ledger-writer
    service: ledger
    team: finance
    reads: [payments.events]
    owners:
      impact: { name: Finance, contact: "finance@example.com" }
      diagnosis: { name: Finance, contact: "finance@example.com" }
      action: { name: Finance, contact: "finance@example.com" }
`;

describe("YAML import", () => {
  it("parses a valid file", () => {
    const r = parseCatalogYaml(GOOD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.map((e) => [e.kind, e.match, e.tier, e.freshnessSloSeconds])).toEqual([
      ["topic", "payments.*", "critical", 60],
      ["group", "ledger-writer", "standard", null],
    ]);
  });

  it("names the line of a bad value", () => {
    const bad = GOOD.replace("tier: critical", "tier: urgent");
    const r = parseCatalogYaml(bad);
    expect(r).toMatchObject({ ok: false, errors: [{ line: 6, path: "entries[0].tier" }] });
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/critical, important, standard/);
  });

  it("names the line of a missing field (the entry's own line) and of an unknown key", () => {
    const r = parseCatalogYaml(GOOD.replace("    team: finance\n", "    teem: finance\n"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 13, column: 5, path: "entries[1].team", message: '"team" is required' },
      { line: 15, column: 5, path: "entries[1].teem", message: 'unknown key "teem"' },
    ]);
  });

  it("names the line of a nested owner error, a bad URL and a bad pattern", () => {
    const r = parseCatalogYaml(GOOD.replace('contact: "pagerduty:PLATFORM"', 'contact: ""').replace("https://runbooks", "ftp://runbooks").replace("topic: payments.*", "topic: payments.[x"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.path])).toEqual([
      [3, "entries[0].topic"],
      [10, "entries[0].owners.diagnosis.contact"],
      [12, "entries[0].runbook"],
    ]);
  });

  it("refuses duplicates, naming both lines", () => {
    const dup = `${GOOD}  - group: ledger-writer
    service: x
    team: y
    owners: { impact: { name: a, contact: b }, diagnosis: { name: a, contact: b }, action: { name: a, contact: b } }
`;
    const r = parseCatalogYaml(dup);
    expect(r).toMatchObject({ ok: false, errors: [{ line: 21, message: 'group "ledger-writer" is already listed at line 13' }] });
  });

  it("reports YAML syntax errors with their line", () => {
    const r = parseCatalogYaml("version: 1\nentries:\n  - topic: a\n   service: [unclosed\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("refuses an empty file, a wrong version and a non-list", () => {
    expect(parseCatalogYaml("")).toMatchObject({ ok: false });
    expect(parseCatalogYaml("version: 2\nentries: []\n")).toMatchObject({ ok: false, errors: [{ line: 1, path: "version" }] });
    expect(parseCatalogYaml("version: 1\nentries: nope\n")).toMatchObject({ ok: false, errors: [{ line: 2, path: "entries" }] });
  });

  it("needs exactly one of topic or group, and reads only on groups", () => {
    const r = parseCatalogYaml(GOOD.replace("  - topic: payments.*\n", "  - topic: payments.*\n    group: g\n    reads: [x]\n"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toEqual(["an entry needs exactly one of topic or group", "reads belongs to group entries (the topics a group consumes)"]);
  });

  it("takes channels and onBreach, and names the line of a channel that does not exist", () => {
    const withChannels = GOOD.replace("    runbook: https://runbooks.example/payments\n", "    runbook: https://runbooks.example/payments\n    channels: [payments-oncall, incidents]\n    onBreach: propose\n");
    const r = parseCatalogYaml(withChannels, { channels: new Set(["payments-oncall", "incidents"]) });
    expect(r.ok && r.entries[0]).toMatchObject({ channels: ["payments-oncall", "incidents"], onBreach: "propose" });
    expect(r.ok && r.entries[1]).toMatchObject({ channels: [], onBreach: "open" });
    const missing = parseCatalogYaml(withChannels, { channels: new Set(["payments-oncall"]) });
    expect(missing).toMatchObject({ ok: false, errors: [{ line: 13, path: "entries[0].channels[1]", message: "no notification channel named incidents (Settings → Notifications)" }] });
    expect(parseCatalogYaml(withChannels.replace("incidents]", "bad name]"))).toMatchObject({ ok: false, errors: [{ path: "entries[0].channels[1]" }] });
    expect(parseCatalogYaml(withChannels.replace("onBreach: propose", "onBreach: page"))).toMatchObject({ ok: false, errors: [{ line: 14, path: "entries[0].onBreach" }] });
    if (!r.ok) return;
    const again = parseCatalogYaml(serializeCatalogYaml(r.entries));
    expect(again.ok && again.entries.find((e) => e.kind === "topic")).toMatchObject({ channels: ["payments-oncall", "incidents"], onBreach: "propose" });
  });

  it("round-trips through export", () => {
    const r = parseCatalogYaml(GOOD);
    if (!r.ok) throw new Error("fixture invalid");
    const text = serializeCatalogYaml(r.entries, "2026-01-01T00:00:00Z");
    expect(text).toContain("# Ripcord ownership catalog");
    const again = parseCatalogYaml(text);
    expect(again.ok && again.entries).toEqual([...r.entries].sort((a, b) => a.kind.localeCompare(b.kind)));
  });
});
