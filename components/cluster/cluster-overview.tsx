"use client";
import { useClusterOverview } from "@/lib/client/hooks/use-cluster";
import { FreshnessBar } from "./freshness-bar";
import { formatCount } from "./format";
import { GroupsTable } from "./groups-table";
import { Collecting, LoadError, Panel, Tile } from "./panel";
import { TopicsTable } from "./topics-table";
import { useNow } from "./use-now";

/** The Cluster page: freshness, totals, brokers, consumer groups (worst first) and topics. */
export function ClusterOverviewView() {
  const query = useClusterOverview();
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
            <GroupsTable groups={data.groups} takenAt={data.snapshot.takenAt} now={now} />
          </Panel>
          <Panel title={`Brokers (${data.snapshot.brokers.length})`} testId="brokers-panel">
            <ul className="flex flex-wrap gap-3 text-sm" data-testid="brokers">
              {data.snapshot.brokers.map((b) => (
                <li key={b.nodeId} className="rounded border border-border bg-surface-2 px-3 py-2 font-mono" data-testid="broker">
                  <span className="font-semibold">#{b.nodeId}</span> {b.host}:{b.port}
                  {b.rack ? <span className="text-muted"> · rack {b.rack}</span> : null}
                </li>
              ))}
            </ul>
            {data.changes.brokersLeft.length ? (
              <p className="mt-3 text-sm font-semibold text-bad" data-testid="brokers-left">
                Missing since the window began: {data.changes.brokersLeft.map((b) => `#${b.nodeId} (${b.host})`).join(", ")}
              </p>
            ) : null}
            <p className="mt-3 text-xs text-muted">
              {data.snapshot.kraft
                ? `KRaft cluster: metadata names broker #${data.snapshot.controllerId ?? "?"} as controller, which is just a broker, not the active KRaft controller.`
                : `Controller: broker #${data.snapshot.controllerId ?? "?"}.`}{" "}
              Last 5 min: {data.changes.leaderChanges} leader changes, {data.changes.isrShrinks} ISR shrinks, {data.changes.isrExpands} ISR expands, {data.changes.configChanges.length} config changes.
            </p>
          </Panel>
          <Panel title={`Topics (${data.topics.length})`} testId="topics-panel">
            <TopicsTable topics={data.topics} />
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
