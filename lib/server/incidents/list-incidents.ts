import "server-only";
import type { Prisma } from "@prisma/client";
import type { ListIncidentsQuery } from "@/lib/schemas/incidents";
import { containsText, db } from "@/lib/server/db";
import { orderIncidentList } from "@/lib/domain/incidents/list-order";
import { toSummary, type IncidentSummary } from "./mappers";

const CLOSED_LIKE = ["review", "closed"];

/** In the list's order (lib/domain/incidents/list-order.ts): open real incidents by severity, open drills, then the rest; filters; search over titles and the log. */
export async function listIncidents(query: ListIncidentsQuery): Promise<(IncidentSummary & { drill: boolean })[]> {
  const where: Prisma.IncidentWhereInput = {};
  if (query.status === "open") where.status = { notIn: CLOSED_LIKE };
  else if (query.status) where.status = query.status;
  if (query.severity) where.severity = query.severity;
  if (query.cluster) where.cluster = query.cluster;
  if (query.from || query.to) where.openedAt = { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lte: new Date(query.to) } : {}) };
  const q = query.q?.trim();
  // case-insensitive over the title and every entry's payload, on either database
  if (q) where.OR = [{ title: containsText(q) }, { entries: { some: { payload: containsText(q) } } }];
  const rows = await db().incident.findMany({ where, orderBy: { openedAt: "desc" }, take: 200 });
  // A drill's incident is the one whose log has the drill's start (lib/server/drills/start-drill.ts).
  const drills = await db().incidentEntry.findMany({ where: { kind: "drill-started", incidentId: { in: rows.map((r) => r.id) } }, select: { incidentId: true } });
  const drillIds = new Set(drills.map((d) => d.incidentId));
  return orderIncidentList(rows.map((row) => ({ ...toSummary(row), drill: drillIds.has(row.id) })));
}
