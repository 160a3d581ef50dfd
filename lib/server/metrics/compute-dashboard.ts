import "server-only";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { buildDashboard, type Dashboard } from "@/lib/domain/metrics/dashboard";
import { incidentFacts } from "@/lib/domain/metrics/facts";
import type { ReviewState } from "@/lib/domain/review/types";
import type { MetricsQuery } from "@/lib/schemas/reviews";
import { db } from "@/lib/server/db";
import { toEntry } from "@/lib/server/incidents/mappers";
import { toActionItem } from "@/lib/server/reviews/mappers";

export interface ReviewListItem {
  incidentId: string;
  title: string;
  severity: string | null;
  status: string;
  openedAt: string;
  drill: boolean;
  reviewState: ReviewState | "none";
  updatedAt: string | null;
  openActionItems: number;
}

export interface MetricsView {
  dashboard: Dashboard;
  reviews: ReviewListItem[];
}

/**
 * The manager's dashboard over every incident's log (drills left out unless asked for) and the
 * list of incidents with their review state. Reads the logs of incidents opened within the
 * trend window plus any with open action items.
 */
export async function computeDashboard(query: MetricsQuery, now = Date.now()): Promise<MetricsView> {
  const since = new Date(now - (query.weeks + 1) * 7 * 86_400_000);
  const [reviews, items] = await Promise.all([db().review.findMany({ select: { incidentId: true, state: true, updatedAt: true } }), db().actionItem.findMany()]);
  const withOpenItems = [...new Set(items.filter((a) => a.status === "open" || a.status === "in-progress").map((a) => a.incidentId))];
  const incidents = await db().incident.findMany({ where: { OR: [{ openedAt: { gte: since } }, { id: { in: withOpenItems } }] }, orderBy: { openedAt: "desc" }, take: 2000 });
  const ids = incidents.map((i) => i.id);
  const entries = await db().incidentEntry.findMany({ where: { incidentId: { in: ids } }, orderBy: { seq: "asc" } });
  const byIncident = new Map<string, IncidentEntry[]>();
  for (const row of entries) {
    const list = byIncident.get(row.incidentId) ?? [];
    list.push(toEntry(row));
    byIncident.set(row.incidentId, list);
  }
  const facts = incidents.map((i) => incidentFacts(i.id, byIncident.get(i.id) ?? []));
  const actionItems = items.map(toActionItem);
  const dashboard = buildDashboard({ incidents: facts, actionItems, now, includeDrills: query.includeDrills, weeks: query.weeks });
  const reviewBy = new Map(reviews.map((r) => [r.incidentId, r]));
  const list: ReviewListItem[] = facts
    .filter((f) => query.includeDrills || !f.drill)
    .map((f) => {
      const r = reviewBy.get(f.id);
      return {
        incidentId: f.id,
        title: f.title,
        severity: f.severity,
        status: f.status,
        openedAt: f.openedAt,
        drill: f.drill,
        reviewState: (r?.state as ReviewState | undefined) ?? "none",
        updatedAt: r?.updatedAt.toISOString() ?? null,
        openActionItems: actionItems.filter((a) => a.incidentId === f.id && (a.status === "open" || a.status === "in-progress")).length,
      };
    });
  return { dashboard, reviews: list };
}
