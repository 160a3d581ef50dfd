import "server-only";
import type { Prisma, IncidentEntry as EntryRow } from "@prisma/client";
import { incidentTitle, scopeKey, type AlertScope, type IncomingAlert } from "@/lib/domain/alerts/normalize";
import { routeScope } from "@/lib/domain/catalog/match";
import type { CatalogEntry } from "@/lib/domain/catalog/types";
import type { EntryAuthor, IncidentScope } from "@/lib/domain/incidents/types";
import type { Principal } from "@/lib/server/auth/identify";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { severityContextFrom } from "@/lib/server/catalog/severity-context";
import { db, isPrismaError } from "@/lib/server/db";
import { AppError, conflict } from "@/lib/server/http/errors";
import { appendInTransaction } from "@/lib/server/incidents/append-entry";
import { authorOf, SYSTEM_AUTHOR, toEntry } from "@/lib/server/incidents/mappers";
import { configuredClusters } from "@/lib/server/clusters/configured-clusters";
import { requireCluster } from "@/lib/server/clusters/require-cluster";
import { clusterOf } from "@/lib/server/evidence/cluster-identity";
import { publishCommitted } from "@/lib/server/live/feed";

/** Alerts of the same scope within this window join the open incident instead of opening another. */
export const GROUPING_WINDOW_MS = 30 * 60_000;
/** Statuses in which an incident still takes new alerts. */
const TAKES_ALERTS = ["detection", "triage", "mitigation", "resolution"];

export type AlertOutcome = "opened" | "grouped" | "duplicate" | "refired" | "resolved" | "ignored" | "refused";

export interface IntakeResult {
  received: number;
  alerts: { fingerprint: string; name: string; status: IncomingAlert["status"]; outcome: AlertOutcome; incidentId: string | null }[];
  incidents: { id: string; opened: boolean }[];
  /** alerts naming a cluster that is not configured here: not taken (docs/clusters.md) */
  refused?: { clusters: string[]; configured: string[] };
}

type Tx = Prisma.TransactionClient;
type Target = { id: string };

function alertPayload(a: IncomingAlert, extra: Record<string, unknown> = {}) {
  return {
    source: a.source,
    fingerprint: a.fingerprint,
    name: a.name,
    status: a.status,
    summary: a.summary,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    url: a.url,
    scope: a.scope,
    ...extra,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

async function openIncidentForScope(tx: Tx, scope: AlertScope, since: Date): Promise<Target | null> {
  const candidates = await tx.incident.findMany({
    where: { status: { in: TAKES_ALERTS }, cluster: scope.cluster, updatedAt: { gte: since } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, scope: true },
  });
  for (const c of candidates) {
    const s = JSON.parse(c.scope) as IncidentScope;
    if (sameSet(s.topics, scope.topics) && sameSet(s.groups, scope.groups)) return { id: c.id };
  }
  return null;
}

/**
 * Takes one payload's alerts, all or nothing (one transaction): de-duplicates by (source,
 * fingerprint); an alert already tied to an open incident updates it (re-fired / resolved /
 * nothing new); otherwise a firing alert joins an open incident of the same scope active
 * within the window, or opens a new incident in triage with its scope from the labels and
 * its routing (impact, diagnosis, action owners, severity context) from the catalog. After
 * the commit the entries go to live listeners; each new incident's severity proposal (with the
 * catalog's freshness SLO and tier) follows from the evidence watcher.
 */
export function ingestAlerts(received: IncomingAlert[], principal: Principal, now: Date = new Date()): Promise<IntakeResult> {
  return ingestAlertsAs(received, authorOf(principal), now);
}

/** The same intake written by `author`: Ripcord itself for the freshness watch's breaches (lib/server/freshness). */
export async function ingestAlertsAs(received: IncomingAlert[], author: EntryAuthor, now: Date = new Date()): Promise<IntakeResult> {
  // One cluster identity: an alert without a cluster label is about the configured cluster.
  const named = received.map((a) => ({ ...a, scope: { ...a.scope, cluster: clusterOf(a.scope.cluster) } }));
  // An alert about a cluster this Ripcord cannot read is not taken: an incident there would
  // have no evidence. A payload of only such alerts is refused (422), so Alertmanager logs the
  // error; in a mixed one the others are taken and the refused ones named in the answer.
  const refusals = named.map((a) => {
    try {
      requireCluster(a.scope.cluster, "UNPROCESSABLE");
      return null;
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
  });
  const alerts = named.filter((_, i) => refusals[i] === null);
  const refused = named.filter((_, i) => refusals[i] !== null);
  const refusedClusters = [...new Set(refused.map((a) => a.scope.cluster))].sort();
  const configured = configuredClusters().map((c) => c.name);
  if (refused.length > 0 && alerts.length === 0) {
    const first = refusals.find((r) => r !== null)!;
    const detail = refusedClusters.length === 1 ? first.message : `clusters ${refusedClusters.map((c) => `"${c.slice(0, 100)}"`).join(", ")} are not configured here (configured: ${configured.join(", ")})`;
    throw new AppError("UNPROCESSABLE", detail, { extra: { ...first.extra, refusedClusters } });
  }
  const withRefused = (result: IntakeResult): IntakeResult =>
    refused.length === 0
      ? result
      : {
          received: received.length,
          alerts: [...result.alerts, ...refused.map((a) => ({ fingerprint: a.fingerprint, name: a.name, status: a.status, outcome: "refused" as const, incidentId: null }))],
          incidents: result.incidents,
          refused: { clusters: refusedClusters, configured },
        };
  const catalog = await listCatalogEntries();
  for (let attempt = 1; ; attempt++) {
    try {
      const { result, rows } = await db().$transaction((tx) => ingestInTx(tx, alerts, catalog, author, now), { timeout: 20_000 });
      // Each new incident gets its severity proposal from the evidence watcher, like every other
      // opening (lib/server/incidents/watch-incident-log.ts): the catalog's SLO and tier are in it.
      publishCommitted(rows.map(toEntry));
      return withRefused(result);
    } catch (error) {
      const raced = isPrismaError(error, "P2025", "P2002", "P2034");
      if (!raced) throw error;
      if (attempt >= 3) throw conflict("another write reached the same incident at the same moment; the alert webhook can retry");
    }
  }
}

async function ingestInTx(tx: Tx, alerts: IncomingAlert[], catalog: CatalogEntry[], author: EntryAuthor, now: Date) {
  const rows: EntryRow[] = [];
  const opened = new Set<string>();
  const touched = new Set<string>();
  const result: IntakeResult = { received: alerts.length, alerts: [], incidents: [] };
  const since = new Date(now.getTime() - GROUPING_WINDOW_MS);

  const append = async (target: Target, kind: string, payload: unknown, opts: { author?: typeof author; item?: string; status?: string } = {}) => {
    const { written } = await appendInTransaction(tx, { incidentId: target.id, kind, payload, author: opts.author ?? author, item: opts.item, project: opts.status ? { status: opts.status } : {} });
    rows.push(...written);
    touched.add(target.id);
  };
  const targetById = async (id: string | null): Promise<Target | null> => {
    if (!id) return null;
    const row = await tx.incident.findUnique({ where: { id }, select: { id: true, status: true } });
    return row && TAKES_ALERTS.includes(row.status) ? { id: row.id } : null;
  };

  for (const alert of alerts) {
    const key = scopeKey(alert.scope);
    const record = await tx.alertRecord.findUnique({ where: { source_fingerprint: { source: alert.source, fingerprint: alert.fingerprint } } });
    const recordTarget = await targetById(record?.incidentId ?? null);
    let outcome: AlertOutcome;
    let target: Target | null = recordTarget;

    if (record && recordTarget) {
      const sameEpisode = alert.startsAtFromSource === false || record.startsAt.toISOString() === alert.startsAt;
      if (alert.status === "firing" && record.status === "firing" && sameEpisode) outcome = "duplicate";
      else if (alert.status === "resolved" && record.status === "resolved") outcome = "duplicate";
      else if (alert.status === "firing") {
        outcome = "refired";
        await append(recordTarget, "alert-firing", alertPayload(alert, { refired: true }));
      } else {
        outcome = "resolved";
        await append(recordTarget, "alert-resolved", alertPayload(alert));
      }
    } else if (alert.status === "resolved") {
      // A resolve for an alert we never saw firing (or whose incident is over): note it on an
      // open incident of the same scope if there is one; never open an incident for it.
      target = await openIncidentForScope(tx, alert.scope, since);
      if (target) {
        outcome = "resolved";
        await append(target, "alert-resolved", alertPayload(alert));
      } else outcome = "ignored";
    } else {
      target = await openIncidentForScope(tx, alert.scope, since);
      if (target) {
        outcome = "grouped";
        await append(target, "alert-firing", alertPayload(alert));
      } else {
        outcome = "opened";
        target = await openFromAlert(tx, alert, catalog, now, append);
        opened.add(target.id);
      }
    }

    if (outcome !== "ignored" || record) {
      const data = {
        status: alert.status,
        alertName: alert.name,
        scopeKey: key,
        incidentId: target?.id ?? record?.incidentId ?? null,
        labels: JSON.stringify(alert.labels),
        startsAt: new Date(alert.startsAt),
        endsAt: alert.endsAt ? new Date(alert.endsAt) : null,
        lastSeen: now,
      };
      await tx.alertRecord.upsert({
        where: { source_fingerprint: { source: alert.source, fingerprint: alert.fingerprint } },
        create: { source: alert.source, fingerprint: alert.fingerprint, firstSeen: now, ...data },
        update: data,
      });
    }
    result.alerts.push({ fingerprint: alert.fingerprint, name: alert.name, status: alert.status, outcome, incidentId: target?.id ?? null });
  }
  // A duplicate still counts as activity: it keeps the incident inside the grouping window.
  for (const a of result.alerts) {
    if (a.outcome === "duplicate" && a.incidentId && !touched.has(a.incidentId)) {
      await tx.incident.update({ where: { id: a.incidentId }, data: { updatedAt: now } });
      touched.add(a.incidentId);
    }
  }
  const ids = [...new Set(result.alerts.map((a) => a.incidentId).filter((id): id is string => id !== null))];
  result.incidents = ids.map((id) => ({ id, opened: opened.has(id) }));
  return { result, rows };
}

async function openFromAlert(
  tx: Tx,
  alert: IncomingAlert,
  catalog: CatalogEntry[],
  now: Date,
  append: (target: Target, kind: string, payload: unknown, opts?: { author?: ReturnType<typeof authorOf>; item?: string; status?: string }) => Promise<void>,
): Promise<Target> {
  const names = { topics: alert.scope.topics, groups: alert.scope.groups };
  const routing = routeScope(catalog, names);
  const scope: IncidentScope = { topics: alert.scope.topics, groups: alert.scope.groups, services: routing.services };
  const title = incidentTitle(alert);
  const row = await tx.incident.create({ data: { title, cluster: alert.scope.cluster, scope: JSON.stringify(scope), status: "detection", commanderId: null } });
  const target: Target = { id: row.id };
  await append(target, "incident-opened", {
    title,
    cluster: alert.scope.cluster,
    scope,
    summary: alert.annotations.description ?? alert.summary ?? undefined,
    impactStartedAt: alert.startsAt,
    detectedAt: now.toISOString(),
  });
  await append(target, "status-changed", { from: "detection", to: "triage", note: `opened from ${alert.source} alert ${alert.name}` }, { item: "status", status: "triage" });
  await append(target, "alert-firing", alertPayload(alert));
  const severity = severityContextFrom(catalog, names);
  await append(
    target,
    "owners-suggested",
    {
      owners: routing.owners,
      services: routing.services,
      runbooks: routing.runbooks,
      unmatched: routing.unmatched,
      matches: routing.matches.map((m) => ({ kind: m.kind, name: m.name, match: m.entry.match, service: m.entry.service, team: m.entry.team, tier: m.entry.tier, freshnessSloSeconds: m.entry.freshnessSloSeconds })),
      streams: severity.streams,
      freshnessSloSeconds: severity.freshnessSloSeconds,
      tier: severity.tier,
    },
    { author: SYSTEM_AUTHOR, item: "owners" },
  );
  return target;
}
