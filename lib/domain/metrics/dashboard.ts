import { BRANCHES, type BranchId } from "@/lib/domain/diagnosis/tree";
import { SEVERITY_LEVELS, type SeverityLevel } from "@/lib/domain/incidents/types";
import { isOpenAction, isOverdue, type ActionItem, type ActionType } from "@/lib/domain/review/types";
import { incidentDurations } from "./durations";
import { mean, median, percentile, weekOf, weeksBetween } from "./stats";
import { METRICS, type IncidentDurations, type IncidentFacts, type MetricId, type MetricSummary } from "./types";

/** When an incident "happened", for bucketing by week: impact start, else detection, else opening. */
export function incidentTime(i: IncidentFacts): number {
  for (const iso of [i.keyTimes.impactStart, i.keyTimes.detected, i.openedAt]) {
    const t = iso ? Date.parse(iso) : NaN;
    if (Number.isFinite(t)) return t;
  }
  return 0;
}

/** Median, p90 and mean of one metric; incidents missing either time are left out of it only (n of m). */
export function summarize(metric: MetricId, durations: readonly IncidentDurations[]): MetricSummary {
  const values = durations.map((d) => d[metric]).filter((v): v is number => v !== null);
  return { metric, n: values.length, m: durations.length, medianSeconds: median(values), p90Seconds: percentile(values, 90), meanSeconds: mean(values) };
}

export interface TrendPoint {
  week: string;
  mttd: MetricSummary;
  mtta: MetricSummary;
  mttm: MetricSummary;
  mttr: MetricSummary;
}

export interface SeverityWeek {
  week: string;
  counts: Record<SeverityLevel | "unclassified", number>;
  total: number;
}

export interface CauseCategory {
  branch: BranchId;
  title: string;
  count: number;
}

export interface RepeatCause {
  leafId: string;
  title: string;
  branch: BranchId;
  count: number;
  incidents: { id: string; title: string; at: string }[];
}

export interface ActionItemStats {
  total: number;
  open: number;
  overdue: number;
  done: number;
  byType: Record<ActionType, { open: number; overdue: number }>;
  /** open items past due, most overdue first */
  overdueItems: (ActionItem & { daysOverdue: number })[];
}

export interface Dashboard {
  includeDrills: boolean;
  /** incidents counted (after the drill filter) and how many drills were left out */
  incidentCount: number;
  drillsExcluded: number;
  /** incidents declared "not an incident / false alarm", never counted */
  falseAlarmsExcluded: number;
  weeks: string[];
  summary: Record<MetricId, MetricSummary>;
  /** MTTR was measured from detection (impact start unknown) for this many incidents */
  mttrFromDetected: number;
  trend: TrendPoint[];
  bySeverity: SeverityWeek[];
  causes: CauseCategory[];
  /** incidents without a confirmed root cause */
  causesUnknown: number;
  repeatCauses: RepeatCause[];
  actionItems: ActionItemStats;
}

export interface DashboardInput {
  incidents: readonly IncidentFacts[];
  actionItems: readonly ActionItem[];
  now: number;
  includeDrills?: boolean;
  /** how many weeks back the trend charts go (default 12) */
  weeks?: number;
}

export function actionItemStats(items: readonly ActionItem[], now: number): ActionItemStats {
  const byType: ActionItemStats["byType"] = { detect: { open: 0, overdue: 0 }, prevent: { open: 0, overdue: 0 }, mitigate: { open: 0, overdue: 0 } };
  const overdueItems: ActionItemStats["overdueItems"] = [];
  let open = 0;
  let done = 0;
  for (const item of items) {
    if (item.status === "done") done += 1;
    if (!isOpenAction(item.status)) continue;
    open += 1;
    byType[item.type].open += 1;
    if (isOverdue(item, now)) {
      byType[item.type].overdue += 1;
      const due = Date.parse(`${item.dueDate}T23:59:59.999Z`);
      overdueItems.push({ ...item, daysOverdue: Math.max(1, Math.ceil((now - due) / 86_400_000)) });
    }
  }
  overdueItems.sort((a, b) => b.daysOverdue - a.daysOverdue);
  return { total: items.length, open, overdue: overdueItems.length, done, byType, overdueItems };
}

/** The manager's view: MTTx summaries and weekly trends, incidents by severity, causes, repeat causes, action items. */
export function buildDashboard(input: DashboardInput): Dashboard {
  const includeDrills = input.includeDrills ?? false;
  const real = input.incidents.filter((i) => !i.falseAlarm);
  const falseAlarmsExcluded = input.incidents.length - real.length;
  const incidents = real.filter((i) => includeDrills || !i.drill);
  const drillsExcluded = real.length - incidents.length;
  const kept = new Set(incidents.map((i) => i.id));
  const actionItems = input.actionItems.filter((a) => kept.has(a.incidentId));
  const weekCount = Math.max(1, input.weeks ?? 12);
  const weeks = weeksBetween(input.now - (weekCount - 1) * 7 * 86_400_000, input.now);

  const withDurations = incidents.map((i) => ({ incident: i, durations: incidentDurations(i.keyTimes), week: weekOf(incidentTime(i)) }));
  const all = withDurations.map((x) => x.durations);
  const summary = Object.fromEntries(METRICS.map((m) => [m, summarize(m, all)])) as Record<MetricId, MetricSummary>;

  const trend = weeks.map((week) => {
    const inWeek = withDurations.filter((x) => x.week === week).map((x) => x.durations);
    return { week, mttd: summarize("mttd", inWeek), mtta: summarize("mtta", inWeek), mttm: summarize("mttm", inWeek), mttr: summarize("mttr", inWeek) };
  });

  const bySeverity = weeks.map((week) => {
    const counts = { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0, unclassified: 0 } as SeverityWeek["counts"];
    let total = 0;
    for (const x of withDurations) {
      if (x.week !== week) continue;
      counts[x.incident.severity && (SEVERITY_LEVELS as readonly string[]).includes(x.incident.severity) ? x.incident.severity : "unclassified"] += 1;
      total += 1;
    }
    return { week, counts, total };
  });

  const byBranch = new Map<BranchId, number>();
  const byLeaf = new Map<string, RepeatCause>();
  let causesUnknown = 0;
  for (const i of incidents) {
    if (i.causes.length === 0) causesUnknown += 1;
    for (const branch of new Set(i.causes.map((c) => c.branch))) byBranch.set(branch, (byBranch.get(branch) ?? 0) + 1);
    for (const c of i.causes) {
      const r = byLeaf.get(c.leafId) ?? { leafId: c.leafId, title: c.title, branch: c.branch, count: 0, incidents: [] };
      if (r.incidents.some((x) => x.id === i.id)) continue;
      r.count += 1;
      r.incidents.push({ id: i.id, title: i.title, at: new Date(incidentTime(i)).toISOString() });
      byLeaf.set(c.leafId, r);
    }
  }
  const causes = BRANCHES.filter((b) => byBranch.has(b.id))
    .map((b) => ({ branch: b.id, title: b.title, count: byBranch.get(b.id) ?? 0 }))
    .sort((a, b) => b.count - a.count);
  const repeatCauses = [...byLeaf.values()]
    .filter((r) => r.count >= 2)
    .map((r) => ({ ...r, incidents: [...r.incidents].sort((a, b) => a.at.localeCompare(b.at)) }))
    .sort((a, b) => b.count - a.count || a.leafId.localeCompare(b.leafId));

  return {
    includeDrills,
    incidentCount: incidents.length,
    drillsExcluded,
    falseAlarmsExcluded,
    weeks,
    summary,
    mttrFromDetected: all.filter((d) => d.mttrFrom === "detected").length,
    trend,
    bySeverity,
    causes,
    causesUnknown,
    repeatCauses,
    actionItems: actionItemStats(actionItems, input.now),
  };
}
