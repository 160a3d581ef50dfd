import { describe, expect, it } from "vitest";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import type { ActionItem } from "@/lib/domain/review/types";
import { actionItemStats, buildDashboard, summarize } from "./dashboard";
import { formatDuration, incidentDurations, utcClock } from "./durations";
import { incidentFacts } from "./facts";
import { median, percentile, weekOf } from "./stats";
import type { IncidentFacts } from "./types";

const T = Date.UTC(2026, 0, 5, 9, 0); // Monday
const iso = (min: number) => new Date(T + min * 60_000).toISOString();

function facts(id: string, keyTimes: IncidentFacts["keyTimes"], extra: Partial<IncidentFacts> = {}): IncidentFacts {
  return { id, title: id, severity: "SEV2", status: "closed", openedAt: keyTimes.detected ?? iso(0), drill: false, falseAlarm: false, keyTimes, causes: [], ...extra };
}

describe("incidentDurations", () => {
  it("measures MTTD, MTTA and MTTR from the key times, MTTR from impact start", () => {
    expect(incidentDurations({ impactStart: iso(0), detected: iso(10), acknowledged: iso(13), mitigated: iso(40), resolved: iso(70) })).toEqual({
      mttd: 600,
      mtta: 180,
      mttm: 2400,
      mttr: 4200,
      mttrFrom: "impactStart",
      inconsistent: [],
    });
  });

  it("measures MTTR from detection when the impact start is unknown, and says so", () => {
    const d = incidentDurations({ detected: iso(10), resolved: iso(70) });
    expect(d).toMatchObject({ mttd: null, mtta: null, mttr: 3600, mttrFrom: "detected" });
  });

  it("gives null for every metric missing an end", () => {
    expect(incidentDurations({})).toEqual({ mttd: null, mtta: null, mttm: null, mttr: null, mttrFrom: null, inconsistent: [] });
    expect(incidentDurations({ impactStart: iso(0), acknowledged: iso(5) })).toMatchObject({ mttd: null, mtta: null, mttr: null });
  });

  it("refuses out-of-order times rather than reporting negative durations", () => {
    const d = incidentDurations({ impactStart: iso(20), detected: iso(10), acknowledged: iso(12) });
    expect(d.mttd).toBeNull();
    expect(d.mtta).toBe(120);
    expect(d.inconsistent).toEqual(["mttd"]);
  });
});

describe("stats", () => {
  it("median and p90 by interpolation", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 3, 2, 4])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBeCloseTo(91);
  });

  it("weeks start on Monday UTC", () => {
    expect(weekOf(Date.UTC(2026, 0, 11, 23, 59))).toBe("2026-01-05"); // Sunday
    expect(weekOf(Date.UTC(2026, 0, 12, 0, 0))).toBe("2026-01-12");
  });

  it("formats durations for people", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(600)).toBe("10 min");
    expect(formatDuration(3900)).toBe("1 h 05 min");
  });
});

describe("aggregates with incidents missing some times", () => {
  const incidents = [
    facts("a", { impactStart: iso(0), detected: iso(10), acknowledged: iso(12), resolved: iso(60) }),
    facts("b", { detected: iso(0), acknowledged: iso(4), resolved: iso(30) }), // no impact start: no MTTD, MTTR from detected
    facts("c", { impactStart: iso(0), detected: iso(30) }), // never acknowledged nor resolved
    facts("d", {}),
  ];

  it("excludes an incident from a metric only when that metric's times are missing (n of m)", () => {
    const d = incidents.map((i) => incidentDurations(i.keyTimes));
    expect(summarize("mttd", d)).toMatchObject({ n: 2, m: 4, medianSeconds: 1200 });
    expect(summarize("mtta", d)).toMatchObject({ n: 2, m: 4, medianSeconds: 180 });
    expect(summarize("mttr", d)).toMatchObject({ n: 2, m: 4, medianSeconds: 2700 });
    expect(summarize("mttd", [])).toMatchObject({ n: 0, m: 0, medianSeconds: null, p90Seconds: null });
  });

  it("builds weekly trends, counts MTTR measured from detection, and excludes drills by default", () => {
    const drill = facts("drill", { impactStart: iso(0), detected: iso(1), resolved: iso(2) }, { drill: true });
    const lastWeek = facts("old", { impactStart: iso(-7 * 24 * 60), detected: iso(-7 * 24 * 60 + 30) }, { severity: "SEV1" });
    const dash = buildDashboard({ incidents: [...incidents, drill, lastWeek], actionItems: [], now: T + 86_400_000, weeks: 3 });
    expect(dash.weeks).toEqual(["2025-12-22", "2025-12-29", "2026-01-05"]);
    expect(dash.incidentCount).toBe(5);
    expect(dash.drillsExcluded).toBe(1);
    expect(dash.summary.mttd).toMatchObject({ n: 3, m: 5 });
    expect(dash.mttrFromDetected).toBe(1);
    const thisWeek = dash.trend.find((t) => t.week === "2026-01-05")!;
    expect(thisWeek.mttd).toMatchObject({ n: 2, m: 4 });
    expect(dash.trend.find((t) => t.week === "2025-12-29")!.mttd).toMatchObject({ n: 1, m: 1, medianSeconds: 1800 });
    expect(dash.bySeverity.find((w) => w.week === "2026-01-05")!.counts).toMatchObject({ SEV2: 4, SEV1: 0 });
    expect(dash.bySeverity.find((w) => w.week === "2025-12-29")!.counts.SEV1).toBe(1);

    const falseAlarm = facts("false-alarm", { impactStart: iso(0), detected: iso(1), acknowledged: iso(2), resolved: iso(3) }, { falseAlarm: true });
    const withFalseAlarm = buildDashboard({ incidents: [...incidents, drill, lastWeek, falseAlarm], actionItems: [], now: T + 86_400_000, weeks: 3 });
    expect(withFalseAlarm).toMatchObject({ incidentCount: 5, drillsExcluded: 1, falseAlarmsExcluded: 1 });
    expect(withFalseAlarm.summary).toEqual(dash.summary);
    expect(buildDashboard({ incidents: [falseAlarm], actionItems: [], now: T, includeDrills: true })).toMatchObject({ incidentCount: 0, falseAlarmsExcluded: 1, summary: { mtta: { n: 0, m: 0 } } });

    const withDrills = buildDashboard({ incidents: [...incidents, drill], actionItems: [], now: T, includeDrills: true });
    expect(withDrills).toMatchObject({ incidentCount: 5, drillsExcluded: 0, includeDrills: true });
  });

  it("groups causes by tree branch and finds repeat causes", () => {
    const cause = (leafId: string, branch: "consumer" | "change", title: string) => [{ leafId, branch, title }];
    const dash = buildDashboard({
      incidents: [
        facts("1", { detected: iso(0) }, { causes: cause("consumer.poison-record", "consumer", "Poison record") }),
        facts("2", { detected: iso(5) }, { causes: cause("consumer.poison-record", "consumer", "Poison record") }),
        facts("3", { detected: iso(9) }, { causes: cause("change.bad-deploy", "change", "Bad deploy") }),
        facts("4", { detected: iso(9) }),
      ],
      actionItems: [],
      now: T,
    });
    expect(dash.causes).toEqual([
      { branch: "consumer", title: "Consumer group", count: 2 },
      { branch: "change", title: "Recent changes", count: 1 },
    ]);
    expect(dash.causesUnknown).toBe(1);
    expect(dash.repeatCauses).toHaveLength(1);
    expect(dash.repeatCauses[0]).toMatchObject({ leafId: "consumer.poison-record", count: 2 });
    expect(dash.repeatCauses[0]!.incidents.map((i) => i.id)).toEqual(["1", "2"]);
  });
});

describe("action items", () => {
  const item = (id: string, over: Partial<ActionItem>): ActionItem => ({
    id,
    incidentId: "a",
    title: id,
    type: "prevent",
    owner: "team",
    dueDate: null,
    status: "open",
    control: null,
    version: 1,
    createdAt: iso(0),
    updatedAt: iso(0),
    ...over,
  });

  it("counts open and overdue (due dates are whole days), never done items", () => {
    const now = Date.UTC(2026, 0, 10, 12);
    const stats = actionItemStats(
      [
        item("due-today", { dueDate: "2026-01-10" }),
        item("late", { dueDate: "2026-01-07", type: "detect" }),
        item("later", { dueDate: "2026-01-09", status: "in-progress" }),
        item("done-late", { dueDate: "2026-01-01", status: "done" }),
        item("no-date", {}),
      ],
      now,
    );
    expect(stats).toMatchObject({ total: 5, open: 4, overdue: 2, done: 1 });
    expect(stats.overdueItems.map((i) => i.id)).toEqual(["late", "later"]);
    expect(stats.byType.detect).toEqual({ open: 1, overdue: 1 });
  });

  it("drops the action items of excluded drills", () => {
    const dash = buildDashboard({
      incidents: [facts("real", {}), facts("drill", {}, { drill: true })],
      actionItems: [item("x", { incidentId: "real" }), item("y", { incidentId: "drill" })],
      now: T,
    });
    expect(dash.actionItems.total).toBe(1);
  });
});

describe("incidentFacts from a log", () => {
  it("reads key times, severity, the drill flag and confirmed causes (a withdrawn confirmation is dropped)", () => {
    const author = { id: "u1", name: "Cora", kind: "user" as const };
    let seq = 0;
    const e = (kind: string, payload: unknown, min: number): IncidentEntry => ({ id: `e${++seq}`, incidentId: "i", seq, kind, item: null, author, createdAt: iso(min), payload, correctsEntryId: null });
    const entries = [
      e("incident-opened", { title: "lag", cluster: "c", scope: { topics: [], groups: [], services: [] }, impactStartedAt: iso(-5), drill: true }, 0),
      e("severity-set", { level: "SEV3", decision: "accepted", proposedLevel: null, proposalSeq: null, rationale: "" }, 1),
      e("tree-mark", { leafId: "consumer.poison-record", mark: "confirmed", note: "offset 42" }, 2),
      e("tree-mark", { leafId: "change.bad-deploy", mark: "confirmed", note: "x" }, 3),
      e("tree-mark", { leafId: "change.bad-deploy", mark: "ruled-out", note: "no deploy" }, 4),
      e("status-changed", { from: "detection", to: "review" }, 20),
    ];
    const f = incidentFacts("i", entries);
    expect(f).toMatchObject({ drill: true, severity: "SEV3", keyTimes: { impactStart: iso(-5), detected: iso(0), resolved: iso(20) } });
    expect(f.causes).toEqual([{ leafId: "consumer.poison-record", title: "Poison record", branch: "consumer" }]);
  });
});

describe("utcClock", () => {
  it("writes UTC wall-clock time whatever the local zone, with or without seconds", () => {
    const at = Date.UTC(2026, 11, 1, 2, 3, 4, 567);
    expect(utcClock(at)).toBe("02:03:04");
    expect(utcClock(new Date(at).toISOString(), { seconds: false })).toBe("02:03");
    expect(utcClock(new Date(at))).toBe("02:03:04");
  });
});
