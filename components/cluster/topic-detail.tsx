"use client";
import Link from "next/link";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { groupPath } from "@/lib/client/cluster-paths";
import { useTopicDetail } from "@/lib/client/hooks/use-cluster";
import { FreshnessBar } from "./freshness-bar";
import { formatBytes, formatCount, formatMs, formatRate } from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { Collecting, LoadError, Panel, Tile } from "./panel";
import { LastStable } from "./last-stable";
import { StatusBadge } from "./status-badge";
import { useNow } from "./use-now";

/** A topic: partition health (leader, replicas, ISR), offsets, input rate and the groups reading it. */
export function TopicDetailView({ cluster, topic }: { cluster: string; topic: string }) {
  const query = useTopicDetail(cluster, topic);
  const now = useNow();
  const data = query.data;
  return (
    <div data-testid="topic-detail">
      <FreshnessBar sampler={data?.sampler ?? null} fetching={query.isFetching} pollError={query.error && data ? query.error.message : null} now={now} />
      {!data ? (
        query.error ? <LoadError message={query.error.message} onRetry={() => void query.refetch()} /> : <Collecting what={`Reading topic ${topic}…`} />
      ) : (
        <>
          <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
            <Tile label="Partitions" value={data.topic.partitions} />
            <Tile label="Replication" value={data.topic.replicationFactor} />
            <Tile label="Offline" value={data.topic.offline} tone={data.topic.offline ? "bad" : "ok"} />
            <Tile label="Under min ISR" value={data.topic.underMinIsr} tone={data.topic.underMinIsr ? "bad" : "ok"} />
            <Tile label="Under-replicated" value={data.topic.underReplicated} tone={data.topic.underReplicated ? "warn" : "ok"} />
            <Tile label="Input" value={formatRate(data.topic.inputRatePerSec)} />
            <Tile label="Size on disk" value={data.topic.sizeBytes === null ? "—" : formatBytes(data.topic.sizeBytes)} testId="topic-size" hint="Leader replicas' log size (DescribeLogDirs); each follower holds as much again" />
          </div>
          <Panel title="Input rate">
            <TimeSeriesChart
              data={data.series}
              x="at"
              series={[{ key: "inputRatePerSec", label: "Input (records/s)", tone: "accent" }]}
              leftLabel="records/s"
              formatLeft={(v) => formatRate(v)}
              summary={`Input rate of ${topic}: now ${formatRate(data.topic.inputRatePerSec)}.`}
            />
          </Panel>
          <Panel title="Partitions" testId="topic-partitions">
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <thead className="text-left text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th className="py-2 pr-4">#</th>
                    <th className="py-2 pr-4">Leader</th>
                    <th className="py-2 pr-4">Replicas</th>
                    <th className="py-2 pr-4">ISR</th>
                    <th className="py-2 pr-4">Health</th>
                    <th className="py-2 pr-4 text-right">Log start / high watermark</th>
                    <th className="py-2 pr-4 text-right">Size</th>
                    <th className="py-2 pr-4 text-right">Input (share)</th>
                  </tr>
                </thead>
                <tbody>
                  {data.partitions.map((p) => (
                    <tr key={p.partition} className={`border-t border-border ${p.offline || p.underMinIsr ? "bg-bad/10" : p.underReplicated ? "bg-warn/10" : ""}`}>
                      <td className="py-2 pr-4 font-mono">{p.partition}</td>
                      <td className="py-2 pr-4 font-mono">{p.leader < 0 ? <span className="font-semibold text-bad">none</span> : p.leader}</td>
                      <td className="py-2 pr-4 font-mono">{p.replicas.join(", ")}</td>
                      <td className="py-2 pr-4 font-mono">{p.isr.join(", ") || "—"}</td>
                      <td className="py-2 pr-4">
                        {p.offline ? <span className="font-semibold text-bad">offline</span> : p.underMinIsr ? <span className="font-semibold text-bad">under min ISR</span> : p.underReplicated ? <span className="font-semibold text-warn">under-replicated</span> : <span className="text-ok">ok</span>}
                      </td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums">
                        {p.logStartOffset ?? "—"} / {p.logEndOffset ?? "—"}
                        <LastStable end={p.logEndOffset} stable={p.lastStableOffset} />
                      </td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums" data-testid="partition-size">
                        {p.sizeBytes === null ? "—" : formatBytes(p.sizeBytes)}
                      </td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums">
                        {formatRate(p.inputRatePerSec)}
                        {p.inputShare !== null ? ` (${Math.round(p.inputShare * 100)}%)` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
          <Panel title={`Groups reading ${topic} (${data.groups.length})`}>
            {data.groups.length === 0 ? (
              <p className="text-sm text-muted">No group has committed offsets on this topic.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {data.groups.map((g) => (
                  <li key={g.groupId} className="flex items-center gap-3">
                    <StatusBadge status={g.status} />
                    <Link className="font-mono text-accent hover:underline" href={groupPath(cluster, g.groupId)}>
                      {g.groupId}
                    </Link>
                    <span className="text-muted">
                      lag {formatCount(g.lag)} · {formatDuration(g.maxTimeLagSeconds)} behind
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Configs that matter">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
              {Object.entries(data.topic.configs).map(([k, v]) => (
                <div key={k} className="flex justify-between gap-4 border-b border-border py-1">
                  <dt className="font-mono text-muted">{k}</dt>
                  <dd className="font-mono">
                    {v}
                    {k.endsWith(".ms") && Number(v) > 0 ? <span className="text-muted"> ({formatMs(Number(v))})</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          </Panel>
        </>
      )}
    </div>
  );
}
