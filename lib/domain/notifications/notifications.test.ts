import { describe, expect, it } from "vitest";
import type { CatalogEntry, Owner } from "@/lib/domain/catalog/types";
import { deriveIncident } from "@/lib/domain/incidents/derive";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { deriveRouting } from "@/lib/domain/routing/derive";
import { initialRouting } from "@/lib/domain/routing/owners";
import { OWNERS_SUGGESTED_KIND, type ClusterRoutingSettings } from "@/lib/domain/routing/types";
import { audiencesByChannel } from "./audience";
import { channelUrlProblem, isLoopbackOrUnspecified } from "./channel-url";
import { composeMessage, pendingActions } from "./compose";
import { notificationEventOf } from "./events";
import { formatBody, slackEscape } from "./format";
import { attemptOutcome, backoffMs, nextAttemptAt, parseRetryAfter } from "./retry";
import { signature, verifySignature } from "./signature";
import { updateSchedule } from "./updates";

const owner = (name: string): Owner => ({ name, contact: `slack:#${name.toLowerCase()}` });
const catalog: CatalogEntry[] = [
  {
    kind: "group",
    match: "orders-sink",
    service: "orders-sink",
    team: "orders",
    tier: "critical",
    freshnessSloSeconds: 20,
    owners: { impact: owner("Checkout"), diagnosis: owner("Orders"), action: owner("OrdersOps") },
    runbook: "https://runbooks.example/orders-sink",
    reads: [],
    channels: ["orders-oncall"],
    onBreach: "open",
    notes: null,
  },
];
const settings: ClusterRoutingSettings = { cluster: "local", defaultChannel: "incidents", approversChannel: "approvers", platformOwner: owner("Platform"), platformChannel: "platform", platformRunbook: null };
const scope = { topics: ["orders"], groups: ["orders-sink"], services: [] };

let seq = 0;
function e(kind: string, payload: unknown, author: IncidentEntry["author"] = { id: "u1", name: "Cora", kind: "user" }): IncidentEntry {
  seq++;
  return { id: `e${seq}`, incidentId: "inc1", seq, kind, item: null, author, createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0, seq)).toISOString(), payload, correctsEntryId: null };
}

function incidentLog(): IncidentEntry[] {
  seq = 0;
  return [
    e("incident-opened", { title: "orders-sink is behind", cluster: "local", scope, summary: "orders-sink stopped consuming", impactStartedAt: "2026-12-01T09:59:40.000Z" }),
    e(OWNERS_SUGGESTED_KIND, initialRouting(catalog, scope, settings), { id: "system", name: "Ripcord", kind: "system" }),
  ];
}

describe("channel URLs", () => {
  it("takes http(s) and refuses everything else, naming why", () => {
    expect(channelUrlProblem("https://hooks.slack.com/services/T/B/X")).toBeNull();
    expect(channelUrlProblem("http://127.0.0.1:9999/hook")).toBeNull();
    expect(channelUrlProblem("ftp://example.com/x")).toMatch(/http\(s\).*ftp:/);
    expect(channelUrlProblem("file:///etc/passwd")).toMatch(/http\(s\)/);
    expect(channelUrlProblem("javascript:alert(1)")).toMatch(/http\(s\)/);
    expect(channelUrlProblem("hooks.example.com/x")).toMatch(/absolute URL/);
    expect(channelUrlProblem("https://user:pw@example.com/x")).toMatch(/user name or password/);
  });

  it("knows loopback and unspecified addresses in their spellings", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "0.0.0.0", "::1", "0:0:0:0:0:0:0:1", "::", "::ffff:127.0.0.1", "[::1]"]) expect(isLoopbackOrUnspecified(a), a).toBe(true);
    for (const a of ["10.0.0.1", "192.168.1.1", "::2", "fe80::1", "128.0.0.1"]) expect(isLoopbackOrUnspecified(a), a).toBe(false);
  });
});

describe("signatures", () => {
  it("verify over the raw body and timestamp, and fail for another body, secret, or an old timestamp", () => {
    const body = '{"event":"incident-opened"}';
    const sig = signature("a-long-enough-secret", 1_800_000_000, body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature("a-long-enough-secret", 1_800_000_000, body, sig, 1_800_000_010)).toBe(true);
    expect(verifySignature("a-long-enough-secret", 1_800_000_000, `${body} `, sig, 1_800_000_010)).toBe(false);
    expect(verifySignature("another-long-secret!", 1_800_000_000, body, sig, 1_800_000_010)).toBe(false);
    expect(verifySignature("a-long-enough-secret", 1_800_000_000, body, sig, 1_800_000_900)).toBe(false);
    expect(verifySignature("a-long-enough-secret", 1_800_000_000, body, null, 1_800_000_010)).toBe(false);
  });
});

describe("retries", () => {
  const policy = { baseMs: 1000, maxMs: 8000, giveUpAfterMs: 60_000 };
  it("delivers on 2xx, retries no answer, 408/425/429 and 5xx, refuses other answers", () => {
    expect([200, 202, 204].map(attemptOutcome)).toEqual(["delivered", "delivered", "delivered"]);
    expect([null, 408, 425, 429, 500, 502, 503].map(attemptOutcome)).toEqual(Array(7).fill("retry"));
    expect([301, 400, 401, 403, 404, 410].map(attemptOutcome)).toEqual(Array(6).fill("refused"));
  });
  it("doubles the delay up to the cap, honours Retry-After within it, and gives up after the horizon", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffMs(1, policy, 5000)).toBe(5000);
    expect(backoffMs(1, policy, 60_000)).toBe(8000);
    expect(nextAttemptAt(1, 0, 10_000, policy)).toBe(11_000);
    expect(nextAttemptAt(6, 0, 55_000, policy)).toBeNull();
    expect(parseRetryAfter("7", 0)).toBe(7000);
    expect(parseRetryAfter(new Date(30_000).toUTCString(), 0)).toBe(30_000);
    expect(parseRetryAfter("soon", 0)).toBeNull();
  });
});

describe("which entries are announced", () => {
  it("announces the issue's events, once per change", () => {
    const log = incidentLog();
    const next = (kind: string, payload: unknown) => {
      const entry = e(kind, payload);
      const event = notificationEventOf(entry, log);
      log.push(entry);
      return event;
    };
    expect(notificationEventOf(log[0]!, [])).toBe("incident-opened");
    expect(notificationEventOf(log[1]!, [log[0]!])).toBeNull();
    expect(next("severity-proposed", { level: "SEV2", reasons: [], answers: {}, evidenceTakenAt: null })).toBe("severity-proposed");
    expect(next("severity-proposed", { level: "SEV2", reasons: [], answers: {}, evidenceTakenAt: null })).toBeNull();
    expect(next("severity-proposed", { level: "SEV1", reasons: [], answers: {}, evidenceTakenAt: null })).toBe("severity-proposed");
    expect(next("severity-set", { level: "SEV1", decision: "accepted", proposedLevel: "SEV1", proposalSeq: 5, rationale: "" })).toBe("severity-accepted");
    expect(next("status-changed", { from: "detection", to: "triage" })).toBe("status-changed");
    expect(next("action-requested", { actionId: "a1", needsApproval: false })).toBeNull();
    expect(next("action-requested", { actionId: "a2", needsApproval: true, title: "Reset consumer group offsets", summary: "x" })).toBe("approval-waiting");
    expect(next("recovery-verified", { ready: false, checks: [] })).toBeNull();
    expect(next("recovery-verified", { ready: true, checks: [] })).toBe("verification-passed");
    expect(next("recovery-verified", { ready: true, checks: [] })).toBeNull();
    expect(next("status-changed", { from: "resolution", to: "review" })).toBe("resolved");
    expect(next("review-state-changed", { from: "draft", to: "in-review" })).toBeNull();
    expect(next("review-state-changed", { from: "in-review", to: "published" })).toBe("review-published");
    expect(next("annotation", { annotationKind: "observation", body: "x", links: [] })).toBeNull();
  });
});

describe("who hears it", () => {
  const log = incidentLog();
  const routing = deriveRouting(log);
  const cat = [{ kind: "group" as const, match: "orders-sink", channels: ["orders-oncall"] }];

  it("the catalog's channel speaks for all three owners on its side; the default channel is the incident room", () => {
    const a = audiencesByChannel({ event: "incident-opened", routing, catalog: cat, cluster: settings });
    expect(Object.fromEntries(a)).toEqual({ incidents: ["room"], "orders-oncall": ["impact", "diagnosis", "action"] });
  });

  it("a guarded action waiting for approval goes to the approvers' channel only", () => {
    expect(Object.fromEntries(audiencesByChannel({ event: "approval-waiting", routing, catalog: cat, cluster: settings }))).toEqual({ approvers: ["approvers"] });
    expect(Object.fromEntries(audiencesByChannel({ event: "approval-waiting", routing, catalog: cat, cluster: { ...settings, approversChannel: null } }))).toEqual({ incidents: ["approvers"] });
  });

  it("after the routing moves to the platform, the platform channel speaks for diagnosis and action, the group's channel for the impact only", () => {
    const moved = { ...routing!, side: "platform" as const };
    expect(Object.fromEntries(audiencesByChannel({ event: "status-changed", routing: moved, catalog: cat, cluster: settings }))).toEqual({ incidents: ["room"], "orders-oncall": ["impact"], platform: ["diagnosis", "action"] });
    expect(Object.fromEntries(audiencesByChannel({ event: "verification-passed", routing: moved, catalog: cat, cluster: settings }))).toEqual({ incidents: ["room"], "orders-oncall": ["impact"], platform: ["action"] });
  });
});

describe("messages", () => {
  it("link to the incident and tell each receiver what it needs", () => {
    const log = incidentLog();
    const m = composeMessage({ event: "incident-opened", entry: log[0]!, entries: log, state: deriveIncident(log), routing: deriveRouting(log), audiences: ["impact", "diagnosis", "action"], incidentUrl: "https://ripcord.example/incidents/inc1" });
    expect(m.incident).toMatchObject({ id: "inc1", url: "https://ripcord.example/incidents/inc1", title: "orders-sink is behind" });
    expect(m.needs.map((n) => n.audience)).toEqual(["impact", "diagnosis", "action"]);
    expect(m.needs[0]).toMatchObject({ who: "Checkout (slack:#checkout)" });
    expect(m.needs[0]?.text).toMatch(/impact since 09:59:40 UTC/);
    expect(m.needs[2]?.text).toMatch(/Nothing asked yet.*runbooks\.example\/orders-sink/);
    expect(m.owners.diagnosis).toEqual(["Orders (slack:#orders)"]);
    expect(m.approval).toBeNull();
  });

  it("say what is stale and since when from the freshness watch's breach, and what is asked of the action owner", () => {
    const log = incidentLog();
    log.push(
      e("freshness-breach", {
        cluster: "local", group: "orders-sink", topics: ["orders"], service: "orders-sink", team: "orders", tier: "critical", freshnessSloSeconds: 20,
        rules: [], breachStartedAt: "2026-12-01T10:00:05.000Z", detectedAt: "2026-12-01T10:00:09.000Z", episode: "first",
        evidence: { takenAt: "2026-12-01T10:00:09.000Z", state: "Empty", members: 0, totalLag: 1234, maxTimeLagSeconds: 24, inputRatePerSec: 5, consumeRatePerSec: 0, samples: 10, windowSeconds: 30, partitions: [] },
        summary: "",
      }),
      e("action-requested", { actionId: "a9", title: "Reset consumer group offsets", summary: "orders-sink on orders to latest", needsApproval: true, requestedBy: { name: "Cora" }, blastRadius: { level: "high", why: "skips 1,234 records" } }),
    );
    const state = deriveIncident(log);
    const routing = deriveRouting(log);
    const impact = composeMessage({ event: "status-changed", entry: log[3]!, entries: log, state, routing, audiences: ["impact", "action"], incidentUrl: "u" });
    expect(impact.needs[0]?.text).toBe("Data from orders read by orders-sink (orders-sink) is stale since 10:00:05 UTC: 24 s behind (freshness SLO 20 s), 1,234 records waiting.");
    expect(impact.needs[1]?.text).toMatch(/Reset consumer group offsets \(orders-sink on orders to latest\) requested by Cora waits for a second person's approval/);
    expect(pendingActions(log).map((a) => a.actionId)).toEqual(["a9"]);
    log.push(e("action-rejected", { actionId: "a9" }));
    expect(pendingActions(log)).toEqual([]);
  });

  it("for approvers: what waits, and that only signing in decides — in Slack's format without any interactive element", () => {
    const log = incidentLog();
    const request = e("action-requested", { actionId: "a9", title: "Reset consumer group offsets", summary: "orders-sink on orders to latest", needsApproval: true, requestedBy: { name: "Cora" }, blastRadius: { level: "high", why: "skips 1,234 records" } });
    log.push(request);
    const m = composeMessage({ event: "approval-waiting", entry: request, entries: log, state: deriveIncident(log), routing: deriveRouting(log), audiences: ["approvers"], incidentUrl: "https://ripcord.example/incidents/inc1" });
    expect(m.approval?.howToDecide).toMatch(/Sign in to Ripcord.*cannot approve/);
    expect(m.needs[0]?.text).toMatch(/Someone other than Cora must approve or reject.*https:\/\/ripcord\.example\/incidents\/inc1\?tab=mitigation/);
    const slack = JSON.parse(formatBody("slack", m)) as { text: string; blocks: { type: string; elements?: unknown[] }[] };
    expect(slack.text).toContain("<https://ripcord.example/incidents/inc1|Open the incident in Ripcord>");
    expect(slack.blocks.map((b) => b.type)).not.toContain("actions");
    expect(JSON.stringify(slack)).not.toMatch(/"type":"button"|\/approve/);
    const json = JSON.parse(formatBody("json", m)) as { version: number; event: string; incident: { url: string } };
    expect(json).toMatchObject({ version: 1, event: "approval-waiting", incident: { url: "https://ripcord.example/incidents/inc1" } });
  });

  it("escape Slack's control characters", () => {
    expect(slackEscape("a <b> & c")).toBe("a &lt;b&gt; &amp; c");
  });
});

describe("stakeholder update schedule", () => {
  it("needs a reminder once the promised time passes, once per update", () => {
    const log = incidentLog();
    log.push(e("stakeholder-update", { known: "k", impact: "i", next: "n", nextUpdateAt: "2026-12-01T10:30:00.000Z" }));
    const at = (iso: string) => Date.parse(iso);
    expect(updateSchedule(log, at("2026-12-01T10:29:59Z"))).toMatchObject({ count: 1, overdue: false, reminderNeeded: false, dueAt: "2026-12-01T10:30:00.000Z" });
    expect(updateSchedule(log, at("2026-12-01T10:30:01Z"))).toMatchObject({ overdue: true, reminderNeeded: true });
    log.push(e("stakeholder-update-due", { updateSeq: log[log.length - 1]!.seq, dueAt: "2026-12-01T10:30:00.000Z", summary: "" }));
    expect(updateSchedule(log, at("2026-12-01T10:31:00Z"))).toMatchObject({ overdue: true, reminderNeeded: false });
    log.push(e("stakeholder-update", { known: "k", impact: "i", next: "n", nextUpdateAt: null }));
    expect(updateSchedule(log, at("2026-12-01T11:00:00Z"))).toMatchObject({ count: 2, dueAt: null, overdue: false, reminderNeeded: false });
  });
});
