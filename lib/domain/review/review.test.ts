import { describe, expect, it } from "vitest";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { buildHistory, T0 } from "@/lib/domain/testing/fixtures";
import { blamelessHints } from "./blameless";
import { buildReviewDocument } from "./document";
import { computeImpact, incidentWindow, windowEvidence } from "./impact";
import { cell, reviewMarkdown } from "./markdown";
import { chartMarkers, pinnedEntryIds, timelineExcerpt } from "./timeline";
import { canTransitionReview, emptyContent, isOverdue, type ActionItem } from "./types";

const cora = { id: "u1", name: "Cora Commander", kind: "user" as const };
const iso = (min: number) => new Date(T0 + min * 60_000).toISOString();

function logOf(): IncidentEntry[] {
  let seq = 0;
  const e = (kind: string, payload: unknown, min: number, id?: string): IncidentEntry => {
    seq += 1;
    return { id: id ?? `e${seq}`, incidentId: "inc1", seq, kind, item: null, author: cora, createdAt: iso(min), payload, correctsEntryId: null };
  };
  return [
    e("incident-opened", { title: "Billing | orders lag", cluster: "default", scope: { topics: ["orders"], groups: ["billing"], services: [] }, impactStartedAt: iso(1) }, 2),
    e("annotation", { annotationKind: "observation", body: "lag started at 09:01 on partition 3", links: [] }, 3, "obs"),
    e("annotation", { annotationKind: "hypothesis", body: "maybe the broker", links: [] }, 4, "hyp"),
    e("event", { type: "deploy", description: "billing v2.3 deployed", at: iso(0), topics: [], groups: ["billing"], source: "ci" }, 4, "deploy"),
    e("status-changed", { from: "detection", to: "triage" }, 5),
    e("severity-set", { level: "SEV2", decision: "accepted", proposedLevel: "SEV2", proposalSeq: null, rationale: "backlog grows" }, 5),
    e("review-pin", { entryId: "obs", pinned: true }, 6),
    e("review-pin", { entryId: "hyp", pinned: true }, 6),
    e("review-pin", { entryId: "hyp", pinned: false }, 7),
    e("review-pin", { entryId: "deploy", pinned: true }, 7),
    e("tree-mark", { leafId: "change.bad-deploy", mark: "confirmed", note: "v2.3 changed the deserializer" }, 8),
    e("status-changed", { from: "triage", to: "resolution" }, 9),
    e("status-changed", { from: "resolution", to: "review" }, 12),
  ];
}

describe("review states", () => {
  it("goes draft → in review → published, back to draft from review, and never out of published", () => {
    expect(canTransitionReview("draft", "in-review")).toBe(true);
    expect(canTransitionReview("draft", "published")).toBe(false);
    expect(canTransitionReview("in-review", "draft")).toBe(true);
    expect(canTransitionReview("in-review", "published")).toBe(true);
    expect(canTransitionReview("published", "draft")).toBe(false);
    expect(canTransitionReview("published", "in-review")).toBe(false);
  });
});

describe("timeline excerpt", () => {
  it("keeps pinned entries (newest pin wins) and every status and severity change, in the order things happened", () => {
    const entries = logOf();
    expect([...pinnedEntryIds(entries)].sort()).toEqual(["deploy", "obs"]);
    const excerpt = timelineExcerpt(entries);
    expect(excerpt.map((x) => x.text)).toEqual([
      "Deploy: billing v2.3 deployed",
      "Incident opened: Billing | orders lag",
      "Observation: lag started at 09:01 on partition 3",
      "Status Detection → Triage",
      "Severity set to SEV2 (accepted): backlog grows",
      "Status Triage → Resolution",
      "Status Resolution → Review",
    ]);
    expect(excerpt.find((x) => x.entryId === "obs")?.reasons).toEqual(["pinned"]);
  });

  it("marks deploys and status changes for the charts", () => {
    expect(chartMarkers(logOf()).map((m) => `${m.kind}:${m.label}`)).toEqual([
      "deploy:billing v2.3 deployed",
      "status:Triage",
      "severity:SEV2",
      "status:Resolution",
      "status:Review",
    ]);
  });
});

describe("impact from stored evidence", () => {
  // 30 samples 10 s apart: the group stops consuming at sample 5, recovers at 20.
  const history = buildHistory({
    samples: 30,
    topics: [{ name: "orders", partitions: 2, produce: () => 50, configs: () => ({ "retention.ms": "604800000", "cleanup.policy": "delete" }) }],
    groups: [{ id: "billing", topic: "orders", consume: (_p, i) => (i >= 5 && i < 20 ? 0 : i >= 20 ? 200 : 50) }],
  });

  it("charts lag, time lag, input and consume rates and measures the peak", () => {
    const ev = windowEvidence(history, { topics: [], groups: ["billing"], services: [] });
    expect(ev.series).toHaveLength(30);
    expect(ev.series[0]!.inputRatePerSec).toBeNull();
    expect(ev.series[10]!.inputRatePerSec).toBeCloseTo(10, 5);
    expect(ev.series[10]!.consumeRatePerSec).toBe(0);
    const peak = Math.max(...ev.series.map((p) => p.lag ?? 0));
    expect(peak).toBe(15 * 100);
    expect(ev.series[19]!.timeLagSeconds).toBeGreaterThan(100);
    const window = incidentWindow({ impactStart: new Date(T0).toISOString(), resolved: new Date(T0 + 290_000).toISOString() }, new Date(T0).toISOString(), T0 + 1e6);
    const impact = computeImpact(ev, window, { topics: [], groups: ["billing"], services: [] });
    expect(impact).toMatchObject({ durationSeconds: 290, peakLag: 1500, affectedTopics: ["orders"], affectedGroups: ["billing"], lost: "no", recordsLost: 0, samples: 30 });
    expect(impact.recordsLate).toBeGreaterThanOrEqual(1500);
    expect(impact.peakTimeLagSeconds).toBeGreaterThan(100);
  });

  it("counts the window only, not the charts' margin after it (a group still stuck after 'resolved')", () => {
    const ev = windowEvidence(history, { topics: [], groups: ["billing"], services: [] });
    const window = incidentWindow({ impactStart: new Date(T0).toISOString(), resolved: new Date(T0 + 120_000).toISOString() }, new Date(T0).toISOString(), T0 + 1e6);
    const inside = ev.series.filter((p) => p.at <= T0 + 120_000).length;
    expect(inside).toBeLessThan(ev.series.length);
    const truncated = { ...ev, series: ev.series.slice(0, inside), lostAt: ev.lostAt.slice(0, inside) };
    const scope = { topics: [], groups: ["billing"], services: [] };
    const impact = computeImpact(ev, window, scope);
    expect(impact).toEqual(computeImpact(truncated, window, scope));
    expect(impact.samples).toBe(inside);
    expect(impact.peakLag).toBeLessThan(Math.max(...ev.series.map((p) => p.lag ?? 0)));
  });

  it("says unknown when no evidence covers the window", () => {
    const ev = windowEvidence([], { topics: ["x"], groups: [], services: [] });
    const impact = computeImpact(ev, incidentWindow({}, iso(0), T0 + 600_000), { topics: ["x"], groups: [], services: [] });
    expect(impact).toMatchObject({ lost: "unknown", recordsLost: null, peakLag: null, recordsLate: null, durationSeconds: 600, affectedTopics: ["x"] });
  });

  it("reports records lost when retention deleted unread records", () => {
    const lossy = buildHistory({
      samples: 6,
      topics: [{ name: "t", partitions: 1, produce: () => 100, logStart: (_p, i) => (i >= 4 ? 1200 : 0) }],
      groups: [{ id: "g", topic: "t", consume: () => 0 }],
    });
    const impact = computeImpact(windowEvidence(lossy, { topics: [], groups: ["g"], services: [] }), incidentWindow({}, iso(0), T0 + 60_000), { topics: [], groups: ["g"], services: [] });
    expect(impact.lost).toBe("yes");
    expect(impact.recordsLost).toBe(200);
  });
});

describe("blameless hints", () => {
  it("flags blaming phrases and suggests neutral wording", () => {
    const hints = blamelessHints("The on-call failed to check the lag. It was human error; we should have known. A careless change.");
    expect(hints.map((h) => h.rule)).toEqual(["failed-to", "human-error", "should-have", "judgement"]);
    expect(hints[0]!.phrase).toBe("failed to");
    expect(hints.every((h) => h.suggestion.length > 10)).toBe(true);
  });

  it("flags people named as the subject of blame, with first names too", () => {
    const text = "Sam broke the consumer. Then Remy Responder forgot the runbook.";
    const hints = blamelessHints(text, ["Sam Lee", "Remy Responder"]);
    expect(hints.filter((h) => h.rule === "person-blamed").map((h) => text.slice(h.start, h.end))).toEqual(["Sam broke", "Remy Responder forgot"]);
  });

  it("leaves neutral wording alone", () => {
    expect(blamelessHints("The deploy at 09:10 changed the schema; no gate caught it. A freshness alert would help.", ["Sam"])).toEqual([]);
  });
});

describe("Markdown export", () => {
  const action: ActionItem = { id: "a1", incidentId: "inc1", title: "Schema gate in CI | registry", type: "prevent", owner: "Platform team", dueDate: "2026-02-01", status: "open", control: "schema-gate", version: 1, createdAt: iso(0), updatedAt: iso(0) };

  const doc = buildReviewDocument({
    incidentId: "inc1",
    entries: logOf(),
    drill: false,
    review: {
      state: "published",
      version: 3,
      publishedAt: iso(60),
      publishedBy: "Cora Commander",
      content: {
        ...emptyContent(),
        summary: "Billing fell 25 minutes behind after a deploy.",
        contributingFactors: [
          { category: "technical", text: "No schema compatibility check" },
          { category: "organizational", text: "Ownership of the billing schema\nwas unclear" },
        ],
        fiveWhys: [{ question: "Why did billing lag?", answer: "Every record failed to deserialize." }],
        controlLoops: ["schema-compatibility", "deployment-safety"],
        wentWell: ["Lag alert fired within 2 minutes"],
        wentBadly: ["Rollback took 20 minutes"],
      },
    },
    actionItems: [action],
    evidence: windowEvidence([], { topics: ["orders"], groups: ["billing"], services: [] }),
    now: T0 + 3_600_000,
  });

  it("assembles the document from the log", () => {
    expect(doc.rootCauses.map((c) => c.leafId)).toEqual(["change.bad-deploy"]);
    expect(doc.durations).toMatchObject({ mttd: 60, mttr: 11 * 60, mttrFrom: "impactStart" });
    expect(doc.charts.markers.length).toBeGreaterThan(0);
  });

  it("is wiki-ready: headings, impact and timeline tables, root cause, factors, whys and action items", () => {
    const md = reviewMarkdown(doc);
    expect(md).toMatch(/^# Post-incident review: Billing \| orders lag\n/);
    for (const h of ["## Summary", "## Impact", "## Timeline", "## Root cause", "## Contributing factors", "### Technical", "### Process", "### Organizational", "## Five whys", "## Which control loop failed", "## What went well", "## What did not go well", "## Action items"]) {
      expect(md).toContain(`\n${h}\n`);
    }
    expect(md).toContain("| Time (UTC) | What happened | Who | Why listed |");
    expect(md).toContain("| 2025-01-15 09:03 UTC | Observation: lag started at 09:01 on partition 3 | Cora Commander | pinned |");
    expect(md).toContain("Incident opened: Billing \\| orders lag");
    expect(md).not.toContain("maybe the broker");
    expect(md).toContain("**Bad deploy** (Recent changes; tree node `change.bad-deploy`)");
    expect(md).toContain("Note: v2.3 changed the deserializer");
    expect(md).toContain("- Ownership of the billing schema was unclear");
    expect(md).toContain("1. **Why did billing lag?** Every record failed to deserialize.");
    expect(md).toContain("- Schema compatibility\n- Deployment safety");
    expect(md).toContain("| Schema gate in CI \\| registry | Prevent | Platform team | 2026-02-01 | Open |");
    expect(md).toContain("| Records lost | unknown (no stored evidence) |");
    expect(md).toContain("| MTTR (impact start → resolved) | 11 min |");
    expect(md).toContain("### Process\n\n_None recorded._");
  });

  it("escapes table cells", () => {
    expect(cell("a|b\nc")).toBe("a\\|b<br>c");
    expect(cell(null)).toBe("—");
  });
});

describe("overdue", () => {
  it("is overdue from the day after the due date, only while open", () => {
    expect(isOverdue({ status: "open", dueDate: "2026-01-10" }, Date.UTC(2026, 0, 10, 23))).toBe(false);
    expect(isOverdue({ status: "open", dueDate: "2026-01-10" }, Date.UTC(2026, 0, 11, 0, 1))).toBe(true);
    expect(isOverdue({ status: "done", dueDate: "2026-01-10" }, Date.UTC(2026, 1, 1))).toBe(false);
    expect(isOverdue({ status: "open", dueDate: null }, Date.UTC(2026, 1, 1))).toBe(false);
  });
});
