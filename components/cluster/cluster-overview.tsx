"use client";
import { ClusterBrokerCharts } from "@/components/broker-metrics/cluster-broker-charts";
import { useClusterOverview } from "@/lib/client/hooks/use-cluster";
import { FreshnessBar } from "./freshness-bar";
import type { ClusterOverview, LogDirView } from "@/lib/schemas/cluster";
import { formatBytes, formatCount } from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { GroupsTable } from "./groups-table";
import { Collecting, LoadError, Panel, Tile } from "./panel";
import { TopicsTable } from "./topics-table";
import { useNow } from "./use-now";

type Snapshot = NonNullable<ClusterOverview["snapshot"]>;
/** A time-to-full further out than a week is not news on an incident screen. */
const FULL_SOON_SECONDS = 7 * 86_400;

/** Who the active controller is, from the KRaft quorum; metadata's controller id only where no quorum answers. */
function ControllerLine({ snapshot }: { snapshot: Snapshot }) {
  const q = snapshot.controller;
  if (q && q.activeId !== null) {
    const lagging = q.voters.filter((v) => v.lagRecords > 0);
    return (
      <>
        Active controller <span className="font-mono font-semibold">#{q.activeId}</span> (KRaft quorum leader, epoch {q.epoch}). Voters{" "}
        <span className="font-mono">{q.voters.map((v) => `#${v.id}`).join(", ")}</span>
        {lagging.length ? <span className="text-warn">; behind the leader: {lagging.map((v) => `#${v.id} by ${formatCount(v.lagRecords)} records`).join(", ")}</span> : ", all caught up"}
        {q.observers.length ? `; observers ${q.observers.map((o) => `#${o.id}${o.lagRecords ? ` (${formatCount(o.lagRecords)} behind)` : ""}`).join(", ")}` : ""}.
      </>
    );
  }
  if (snapshot.kraft) return <span className="text-muted">KRaft cluster: the quorum did not answer; metadata names broker #{snapshot.controllerId ?? "?"}, which is just a broker, not necessarily the active controller.</span>;
  return <>Controller: broker #{snapshot.controllerId ?? "?"}.</>;
}

/** A log dir: Kafka's bytes, the volume's fill, and when Kafka's growth fills it. */
function LogDir({ dir }: { dir: LogDirView }) {
  const used = dir.totalBytes !== null && dir.usableBytes !== null && dir.totalBytes > 0 ? (dir.totalBytes - dir.usableBytes) / dir.totalBytes : null;
  const tone = dir.error || (used ?? 0) >= 0.95 ? "bg-bad" : (used ?? 0) >= 0.85 ? "bg-warn" : "bg-ok";
  return (
    <div className="mt-2 text-xs" data-testid="log-dir">
      <div className="truncate font-mono text-muted" title={dir.path}>
        {dir.path}
      </div>
      {dir.error ? <div className="font-semibold text-bad">offline ({dir.error})</div> : null}
      {used !== null ? (
        <div className="mt-1 h-1.5 w-full rounded bg-border" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(used * 100)} aria-label={`volume ${Math.round(used * 100)}% used`}>
          <div className={`h-1.5 rounded ${tone}`} style={{ width: `${Math.min(100, Math.round(used * 100))}%` }} />
        </div>
      ) : null}
      <div className="mt-1 tabular-nums">
        Kafka {formatBytes(dir.usedBytes)}
        {dir.usableBytes !== null && dir.totalBytes !== null ? ` · ${formatBytes(dir.usableBytes)} free of ${formatBytes(dir.totalBytes)} (${Math.round((used ?? 0) * 100)}% used)` : " · volume size not reported"}
        {dir.secondsToFull !== null && dir.secondsToFull < FULL_SOON_SECONDS ? (
          <span className={dir.secondsToFull < 6 * 3600 ? "font-semibold text-bad" : "text-warn"}> · full in {formatDuration(dir.secondsToFull)} at this growth</span>
        ) : null}
      </div>
    </div>
  );
}

/** The Cluster page: freshness, totals, brokers, consumer groups (worst first) and topics. */
export function ClusterOverviewView({ cluster }: { cluster: string }) {
  const query = useClusterOverview(cluster);
  const now = useNow();
  const data = query.data;
  const pollError = query.error && data ? query.error.message : null;
  return (
    <div data-testid="cluster-overview">
      <FreshnessBar sampler={data?.sampler ?? null} fetching={query.isFetching} pollError={pollError} now={now} />
      {!data ? (
        query.error ? (
          <LoadError message={query.error.message} onRetry={() => void query.refetch()} />
        ) : (
          <Collecting what="Collecting the first sample from Kafka…" />
        )
      ) : !data.snapshot ? (
        <Collecting what="Collecting the first sample from Kafka…" />
      ) : (
        <>
          <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8" data-testid="cluster-totals">
            <Tile label="Brokers" value={data.totals.brokers} />
            <Tile label="Topics" value={formatCount(data.totals.topics)} />
            <Tile label="Partitions" value={formatCount(data.totals.partitions)} />
            <Tile label="Offline" value={data.totals.offline} tone={data.totals.offline ? "bad" : "ok"} testId="total-offline" />
            <Tile label="Under min ISR" value={data.totals.underMinIsr} tone={data.totals.underMinIsr ? "bad" : "ok"} testId="total-under-min-isr" />
            <Tile label="Under-replicated" value={data.totals.underReplicated} tone={data.totals.underReplicated ? "warn" : "ok"} testId="total-urp" />
            <Tile label="Groups" value={formatCount(data.totals.groups)} />
            <Tile label="Groups at risk" value={data.totals.groupsAtRisk} tone={data.totals.groupsAtRisk ? "bad" : "ok"} testId="total-at-risk" hint="data already lost, or retention deletes unread records before the group drains" />
          </div>
          <Panel title={`Consumer groups (${data.groups.length})`} testId="groups-panel">
            <GroupsTable cluster={cluster} groups={data.groups} takenAt={data.snapshot.takenAt} now={now} />
          </Panel>
          <Panel title={`Brokers (${data.snapshot.brokers.length})`} testId="brokers-panel">
            <ul className="flex flex-wrap gap-3 text-sm" data-testid="brokers">
              {data.snapshot.brokers.map((b) => (
                <li key={b.nodeId} className="min-w-64 rounded border border-border bg-surface-2 px-3 py-2" data-testid="broker" data-node={b.nodeId}>
                  <div className="font-mono">
                    <span className="font-semibold">#{b.nodeId}</span> {b.host}:{b.port}
                    {b.rack ? <span className="text-muted"> · rack {b.rack}</span> : null}
                    {data.snapshot?.controller?.activeId === b.nodeId ? <span className="ml-2 rounded bg-accent/15 px-1.5 text-xs text-accent">active controller</span> : null}
                  </div>
                  {b.logDirs?.map((d) => <LogDir key={d.path} dir={d} />)}
                </li>
              ))}
              {data.snapshot.fencedBrokers.map((b) => (
                <li key={`fenced-${b.nodeId}`} className="rounded border border-bad/50 bg-bad/10 px-3 py-2 font-mono" data-testid="fenced-broker">
                  <span className="font-semibold">#{b.nodeId}</span> {b.host}:{b.port} <span className="font-sans font-semibold text-bad">fenced: registered, not serving</span>
                </li>
              ))}
            </ul>
            {data.changes.brokersLeft.length ? (
              <p className="mt-3 text-sm font-semibold text-bad" data-testid="brokers-left">
                Missing since the window began: {data.changes.brokersLeft.map((b) => `#${b.nodeId} (${b.host})`).join(", ")}
              </p>
            ) : null}
            <p className="mt-3 text-sm" data-testid="controller">
              <ControllerLine snapshot={data.snapshot} />
            </p>
            <p className="mt-1 text-xs text-muted">
              Last 5 min: {data.changes.leaderChanges} leader changes, {data.changes.controllerChanges === null ? "" : `${data.changes.controllerChanges} controller elections, `}
              {data.changes.isrShrinks} ISR shrinks, {data.changes.isrExpands} ISR expands, {data.changes.configChanges.length} config changes.
            </p>
            {data.snapshot.quotas?.length ? (
              <p className="mt-1 text-xs text-muted" data-testid="quotas">
                Client quotas:{" "}
                {data.snapshot.quotas
                  .map((q) => `${q.entity}: ${Object.entries(q.values).map(([k, v]) => (k.endsWith("_byte_rate") ? `${k} ${formatBytes(v)}/s` : `${k} ${v}`)).join(", ")}`)
                  .join("; ")}
              </p>
            ) : null}
          </Panel>
          <ClusterBrokerCharts cluster={cluster} />
          <Panel title={`Topics (${data.topics.length})`} testId="topics-panel">
            <TopicsTable cluster={cluster} topics={data.topics} />
          </Panel>
          {data.snapshot.warnings.length ? (
            <Panel title="Collection warnings" testId="warnings-panel">
              <ul className="list-disc pl-5 text-sm text-muted">
                {data.snapshot.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Panel>
          ) : null}
        </>
      )}
    </div>
  );
}
