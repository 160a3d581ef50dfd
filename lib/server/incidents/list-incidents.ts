import "server-only";
import type { Prisma } from "@prisma/client";
import type { ListIncidentsQuery } from "@/lib/schemas/incidents";
import { containsText, db } from "@/lib/server/db";
import { toSummary, type IncidentSummary } from "./mappers";

const CLOSED_LIKE = ["review", "closed"];

/** Open incidents first (newest first within each group); filters; search over titles and the log. */
export async function listIncidents(query: ListIncidentsQuery): Promise<IncidentSummary[]> {
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
  const summaries = rows.map(toSummary);
  const rank = (s: IncidentSummary) => (CLOSED_LIKE.includes(s.status) ? 1 : 0);
  return summaries.sort((a, b) => rank(a) - rank(b) || b.openedAt.localeCompare(a.openedAt));
}
