"use client";
import Link from "next/link";
import { RetentionRisk } from "@/components/cluster/retention-risk";
import { useNow } from "@/components/cluster/use-now";
import { formatCount, formatRate } from "@/components/cluster/format";
import { SeverityBadge } from "@/components/severity/severity-badge";
import { ApiError } from "@/lib/client/api";
import { GROUP_WINDOW_MINUTES } from "@/lib/client/chart-windows";
import { groupPath } from "@/lib/client/cluster-paths";
import { useGroupDetail } from "@/lib/client/hooks/use-cluster";
import { useDiagnosis } from "@/lib/client/hooks/use-diagnosis";
import { leafById } from "@/lib/domain/diagnosis/tree";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { deriveRouting } from "@/lib/domain/routing/derive";
import type { GroupRow } from "@/lib/schemas/cluster";

/** The newest payload of a kind in the log (the log is the incident's only record). */
function latest(entries: readonly IncidentEntry[], kind: string): Record<string, unknown> | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e?.kind === kind && e.payload && typeof e.payload === "object") return e.payload as Record<string, unknown>;
  }
  return null;
}

interface RoutingView {
  owners: Record<"impact" | "diagnosis" | "action", { name: string; contact: string }[]>;
  runbooks: { service: string; url: string }[];
  slo: Map<string, number>;
}

/**
 * Owners, runbooks and freshness SLOs for the scope: the routing as the log tells it now (the
 * owners-suggested entry, then each routing change), the same read as the Owners panel.
 */
function routingOf(entries: readonly IncidentEntry[]): RoutingView | null {
  const routing = deriveRouting(entries);
  if (!routing) return null;
  const slo = new Map<string, number>();
  for (const m of routing.matches) if (m.kind === "group" && typeof m.freshnessSloSeconds === "number") slo.set(m.name, m.freshnessSloSeconds);
  return { owners: { impact: routing.impact, diagnosis: routing.diagnosis, action: routing.action }, runbooks: routing.runbooks, slo };
}

const cell = "px-2 py-1.5 whitespace-nowrap";

/** One group in scope, from the group page's own read (so both show the same sample). */
// Below sm (a phone) the table reads as one card per group: each figure under its column's name.
const row = "border-t border-border max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:gap-y-1 max-sm:rounded-md max-sm:border max-sm:p-2";
const nameCell = "max-sm:col-span-2 max-sm:block max-sm:whitespace-normal max-sm:break-all max-sm:px-0 max-sm:font-semibold";
const labelled = "max-sm:block max-sm:whitespace-normal max-sm:px-0 max-sm:before:block max-sm:before:font-sans max-sm:before:text-xs max-sm:before:font-normal max-sm:before:text-muted max-sm:before:content-[attr(data-label)]";

function GroupLine({ cluster, groupId, slo, now }: { cluster: string; groupId: string; slo: number | null; now: number }) {
  const detail = useGroupDetail(cluster, groupId, GROUP_WINDOW_MINUTES);
  if (!detail.data) {
    return (
      <tr className={row} data-testid="summary-group" data-group={groupId}>
        <td className={`${cell} ${nameCell} font-mono`}>{groupId}</td>
        <td colSpan={5} className={`${cell} max-sm:col-span-2 ${detail.isError ? "text-warn" : "text-muted"}`}>
          {detail.isPending ? "reading…" : detail.error instanceof ApiError && detail.error.status === 404 ? "not in Kafka's newest sample (yet)" : `could not be read: ${detail.error?.message ?? "?"}`}
        </td>
      </tr>
    );
  }
  return <GroupFigures cluster={cluster} g={detail.data.group} slo={slo} takenAt={detail.data.takenAt} now={now} stale={detail.isError} />;
}

function GroupFigures({ cluster, g, slo, takenAt, now, stale }: { cluster: string; g: GroupRow; slo: number | null; takenAt: number | null; now: number; stale: boolean }) {
  const over = slo !== null && g.maxTimeLagSeconds !== null && g.maxTimeLagSeconds > slo;
  const growth = g.lagGrowthPerSec;
  return (
    <tr className={`${row} ${stale ? "opacity-70" : ""}`} data-testid="summary-group" data-group={g.groupId} title={stale ? "refreshing failed: figures from the last sample read" : undefined}>
      <td className={`${cell} ${nameCell} max-w-56 truncate font-mono max-sm:max-w-none`}>
        <Link href={groupPath(cluster, g.groupId)} className="text-accent underline" title={g.groupId}>{g.groupId}</Link>
      </td>
      <td data-label="Lag" className={`${cell} ${labelled} font-mono tabular-nums`} data-testid="summary-lag" data-value={g.totalLag}>{formatCount(g.totalLag)}</td>
      <td data-label="Time lag" className={`${cell} ${labelled} font-mono tabular-nums ${over ? "font-semibold text-bad" : ""}`} data-testid="summary-time-lag" data-value={g.maxTimeLagSeconds ?? ""}>
        {formatDuration(g.maxTimeLagSeconds)}
        <span className="font-sans font-normal text-muted">{slo === null ? " · no SLO" : ` / SLO ${formatDuration(slo)}`}</span>
      </td>
      <td data-label="Growth" className={`${cell} ${labelled} font-mono tabular-nums ${(growth ?? 0) > 0.5 ? "text-warn" : ""}`} data-testid="summary-growth">
        {growth === null ? "—" : `${growth > 0 ? "+" : ""}${formatRate(growth)}`}
      </td>
      <td data-label="Drain" className={`${cell} ${labelled} ${g.drain === "not-draining" ? "font-semibold text-bad" : g.drain === "caught-up" ? "text-ok" : ""}`} data-testid="summary-drain">
        {g.drain === "draining" ? `drains in ${formatDuration(g.timeToDrainSeconds)}` : g.drain === "caught-up" ? "caught up" : g.drain === "not-draining" ? "not draining" : "unknown"}
      </td>
      <td data-label="Retention" className={`${cell} ${labelled} max-sm:col-span-2`}><RetentionRisk risk={g.retention} takenAt={takenAt} now={now} compact /></td>
    </tr>
  );
}

/**
 * What is wrong and how bad, above the tabs: severity with its top reasons, each group in scope
 * (lag, time lag against its SLO, growth, drain, retention — the Cluster pages' numbers from the
 * same evidence), the leading cause, the owners and runbook from the catalog, the alert's source.
 */
export function CommanderSummary({ incidentId, state, entries }: { incidentId: string; state: IncidentState; entries: readonly IncidentEntry[] }) {
  const diagnosis = useDiagnosis(incidentId, entries);
  const now = useNow();
  const routing = routingOf(entries);
  const alert = latest(entries, "alert-firing");
  const alertUrl = typeof alert?.url === "string" ? alert.url : null;
  const groupIds = state.scope.groups;
  const top = diagnosis.data?.causes[0] ?? null;
  const proposal = state.latestProposal;
  const reasons = proposal?.payload.reasons.slice(0, 3) ?? [];
  const owners = routing ? (["impact", "diagnosis", "action"] as const).flatMap((role) => routing.owners[role].map((o) => ({ role, ...o }))) : [];

  return (
    <section aria-label="What is wrong and how bad" data-testid="commander-summary" className="mb-3 grid gap-3 rounded-lg border border-border bg-surface p-3 text-sm lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="grid content-start gap-2">
        <div className="flex flex-wrap items-baseline gap-2" data-testid="summary-severity">
          <span className="text-xs font-semibold uppercase tracking-wide text-muted">Severity</span>
          {state.severity ? (
            <><SeverityBadge level={state.severity} /> <span className="text-muted">accepted</span></>
          ) : proposal ? (
            <><SeverityBadge level={proposal.payload.level} /> <span className="text-warn">proposed, not decided yet</span></>
          ) : (
            <span className="text-muted">no proposal yet</span>
          )}
          {state.severity && proposal && proposal.payload.level !== state.severity ? <span className="text-warn">(evidence now proposes {proposal.payload.level})</span> : null}
        </div>
        {reasons.length ? (
          <ul className="list-disc pl-5 text-xs text-muted" data-testid="summary-reasons">
            {reasons.map((r, i) => <li key={i}>{r.text}</li>)}
          </ul>
        ) : null}
        {groupIds.length === 0 ? (
          <p className="text-muted" data-testid="summary-no-groups">No consumer group in scope.</p>
        ) : (
          <div className="sm:overflow-x-auto">
            <table className="w-full text-left text-sm max-sm:block" aria-label="Groups in scope">
              <thead className="text-xs text-muted max-sm:hidden">
                <tr><th className={cell}>Group</th><th className={cell}>Lag</th><th className={cell}>Time lag</th><th className={cell}>Growth</th><th className={cell}>Drain</th><th className={cell}>Retention</th></tr>
              </thead>
              <tbody className="max-sm:grid max-sm:gap-2">
                {groupIds.map((id) => <GroupLine key={id} cluster={state.cluster} groupId={id} slo={routing?.slo.get(id) ?? null} now={now} />)}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="grid content-start gap-2">
        <div data-testid="summary-cause">
          <span className="text-xs font-semibold uppercase tracking-wide text-muted">Leading cause </span>
          {top ? (
            <>
              <strong>{leafById(top.id)?.title ?? top.id}</strong> <span className="font-mono text-xs text-muted">score {top.score.toFixed(2)}</span>
              {top.reasons[0] ? <p className="text-xs text-muted">{top.reasons[0]}</p> : null}
            </>
          ) : diagnosis.isPending ? (
            <span className="text-muted">ranking…</span>
          ) : diagnosis.isError ? (
            <span className="text-bad">diagnosis failed: {diagnosis.error.message}</span>
          ) : (
            <span className="text-muted">no cause ranks yet</span>
          )}
        </div>
        <div data-testid="summary-owners">
          <span className="text-xs font-semibold uppercase tracking-wide text-muted">Owners </span>
          {owners.length ? (
            <span>{owners.map((o, i) => <span key={`${o.role}-${o.name}`}>{i ? "; " : ""}{o.role} <strong>{o.name}</strong> <span className="text-xs text-muted">{o.contact}</span></span>)}</span>
          ) : (
            <span className="text-muted">{routing ? "the catalog names nobody for this scope" : "no catalog routing recorded"}</span>
          )}
          {routing?.runbooks.length ? (
            <p className="text-xs">Runbook: {routing.runbooks.map((r, i) => <span key={r.url}>{i ? ", " : ""}<a href={r.url} target="_blank" rel="noopener noreferrer" className="text-accent underline" data-testid="summary-runbook">{r.service}</a></span>)}</p>
          ) : null}
        </div>
        <div data-testid="summary-alert">
          <span className="text-xs font-semibold uppercase tracking-wide text-muted">Alert </span>
          {alert ? (
            <>
              <span>{String(alert.name ?? "alert")} from {String(alert.source ?? "?")}</span>{" "}
              {alertUrl ? <a href={alertUrl} target="_blank" rel="noopener noreferrer" className="text-accent underline" data-testid="summary-alert-source">source</a> : <span className="text-muted">(no source link)</span>}
            </>
          ) : (
            <span className="text-muted">opened by hand, no alert</span>
          )}
        </div>
      </div>
    </section>
  );
}
