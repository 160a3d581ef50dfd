"use client";
import Link from "next/link";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { useGroupDetail } from "@/lib/client/hooks/use-cluster";
import { CHART_WINDOWS, GROUP_WINDOW_MINUTES } from "@/lib/client/chart-windows";
import { topicPath } from "@/lib/client/cluster-paths";
import { oneOf, useSearchParam } from "@/lib/client/hooks/use-search-param";
import type { ConsumerStatus, GroupDetail } from "@/lib/schemas/cluster";
import { ChartWindowSelect } from "./chart-window-select";
import { FreshnessBar } from "./freshness-bar";
import { formatCount, formatRate} from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { Collecting, LoadError, Panel, Tile } from "./panel";
import { LastStable } from "./last-stable";
import { RetentionRisk } from "./retention-risk";
import { StatusBadge } from "./status-badge";
import { useNow } from "./use-now";

const BAR_TONE: Record<ConsumerStatus, "ok" | "warn" | "bad" | "muted"> = {
  ok: "ok",
  lagging: "warn",
  stalled: "bad",
  stopped: "bad",
  rewound: "warn",
  rebalancing: "warn",
  error: "bad",
  unknown: "muted",
};

/** A consumer group: status, lag in records and seconds over time, input vs consume rate, per-partition lag. */
const parseWindow = oneOf(CHART_WINDOWS, GROUP_WINDOW_MINUTES);

/** The chart window is in the URL (`?minutes=`), so a link to the group keeps it. */
export function GroupDetailView({ cluster, groupId }: { cluster: string; groupId: string }) {
  const [seriesMinutes, setSeriesMinutes] = useSearchParam("minutes", parseWindow, GROUP_WINDOW_MINUTES);
  const query = useGroupDetail(cluster, groupId, seriesMinutes);
  const now = useNow();
  const data = query.data;
  return (
    <div data-testid="group-detail">
      <FreshnessBar sampler={data?.sampler ?? null} fetching={query.isFetching} pollError={query.error && data ? query.error.message : null} now={now} />
      {!data ? (
        query.error ? (
          <LoadError message={query.error.message} onRetry={() => void query.refetch()} />
        ) : (
          <Collecting what={`Reading group ${groupId}…`} />
        )
      ) : (
        <GroupBody cluster={cluster} data={data} now={now} windowControl={<ChartWindowSelect testId="series-window" value={seriesMinutes} onChange={(raw) => setSeriesMinutes(parseWindow(raw))} />} />
      )}
    </div>
  );
}

function GroupBody({ cluster, data, now, windowControl }: { cluster: string; data: GroupDetail; now: number; windowControl: React.ReactNode }) {
  const g = data.group;
  const risk = g.retention;
  const elapsed = data.takenAt === null ? 0 : Math.max(0, (now - data.takenAt) / 1000);
  const soon = risk.kind === "expires-before-drain" && (risk.secondsUntilExpiry ?? 0) - elapsed < 6 * 3600;
  const urgent = risk.kind === "lost" || soon;
  const later = risk.kind === "expires-before-drain" && !soon;
  // Owners by client id (readable); the member id stays in the cell's title.
  const clientOf = new Map(g.memberList.map((m) => [m.memberId, m.clientId]));
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <StatusBadge status={g.status} reason={g.statusReason} />
        <span className="text-sm text-muted" data-testid="status-reason">
          {g.statusReason}
        </span>
        <span className="text-sm text-muted">
          · state {g.state} ·{" "}
          <span data-testid="group-protocol">
            {g.protocol === "consumer" ? "consumer protocol (KIP-848)" : g.protocol === "classic" ? "classic protocol" : "protocol unknown"}
            {g.groupEpoch !== null ? `, group epoch ${g.groupEpoch}` : ""}
            {g.assignor ? `, assignor ${g.assignor}` : ""}
          </span>{" "}
          · {g.members} member{g.members === 1 ? "" : "s"}
          {g.idleMembers ? ` (${g.idleMembers} idle)` : ""} · reads {g.topics.map((t, i) => (
            <span key={t}>
              {i ? ", " : ""}
              <Link className="font-mono text-accent hover:underline" href={topicPath(cluster, t)}>
                {t}
              </Link>
            </span>
          ))}
        </span>
      </div>
      {urgent ? (
        <div role="alert" data-testid="retention-callout" className="mb-4 rounded-lg border border-bad/50 bg-bad/10 px-4 py-3 text-sm">
          <strong className="text-bad">Retention risk: </strong>
          <RetentionRisk risk={risk} takenAt={data.takenAt} now={now} />
        </div>
      ) : later ? (
        <div data-testid="retention-note" className="mb-4 rounded-lg border border-warn/50 bg-warn/10 px-4 py-3 text-sm">
          <strong className="text-warn">Retention: </strong>
          <RetentionRisk risk={risk} takenAt={data.takenAt} now={now} />
        </div>
      ) : null}
      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Tile label="Lag (records)" value={formatCount(g.totalLag)} tone={g.totalLag > 0 ? "warn" : "ok"} testId="tile-lag" />
        <Tile label="Time lag" value={formatDuration(g.maxTimeLagSeconds)} testId="tile-time-lag" hint="How old the oldest unread record is (worst partition)" />
        <Tile label="Lag growth" value={g.lagGrowthPerSec === null ? "—" : `${g.lagGrowthPerSec > 0 ? "+" : ""}${formatRate(g.lagGrowthPerSec)}`} tone={(g.lagGrowthPerSec ?? 0) > 0.5 ? "warn" : "fg"} testId="tile-growth" />
        <Tile label="Input / consume" value={`${formatRate(g.inputRatePerSec)} / ${formatRate(g.consumeRatePerSec)}`} testId="tile-rates" />
        <Tile
          label="Time to drain"
          value={g.drain === "draining" ? formatDuration(g.timeToDrainSeconds) : g.drain === "caught-up" ? "caught up" : g.drain === "not-draining" ? "not draining" : "—"}
          tone={g.drain === "not-draining" ? "bad" : g.drain === "caught-up" ? "ok" : "fg"}
          testId="tile-drain"
        />
        <Tile label="Retention risk" value={<RetentionRisk risk={risk} takenAt={data.takenAt} now={now} compact />} testId="tile-retention" />
      </div>
      <Panel title="Lag and time lag" actions={windowControl} testId="lag-chart-panel">
        {data.series.length < 2 ? (
          <p className="text-sm text-muted">Collecting: the chart appears after two samples.</p>
        ) : null}
        <TimeSeriesChart
          data={data.series}
          x="at"
          series={[
            { key: "lag", label: "Lag (records)", tone: "accent" },
            { key: "timeLagSeconds", label: "Time lag (s)", tone: "warn", axis: "right" },
          ]}
          leftLabel="records"
          rightLabel="seconds"
          formatLeft={formatCount}
          formatRight={(v) => (v < 600 ? `${Math.round(v)} s` : v < 36_000 ? `${Math.round(v / 60)} min` : `${Math.round(v / 3600)} h`)}
          summary={`Lag of ${g.groupId} over ${data.series.length} samples; now ${g.totalLag} records, ${formatDuration(g.maxTimeLagSeconds)} behind.`}
          testId="lag-chart"
        />
      </Panel>
      <Panel title="Input vs consume rate" testId="rate-chart-panel">
        <TimeSeriesChart
          data={data.series}
          x="at"
          series={[
            { key: "inputRatePerSec", label: "Input (records/s)", tone: "bad" },
            { key: "consumeRatePerSec", label: "Consume (records/s)", tone: "ok", dashed: true },
          ]}
          leftLabel="records/s"
          formatLeft={(v) => formatRate(v)}
          summary={`Input ${formatRate(g.inputRatePerSec)} against consume ${formatRate(g.consumeRatePerSec)}: lag grows while input stays above consume.`}
          testId="rate-chart"
        />
      </Panel>
      <Panel title={`Lag per partition (${data.partitions.length})`} testId="partition-panel">
        {data.partitions.length === 0 ? (
          <p className="text-sm text-muted">This group has no committed offsets.</p>
        ) : (
          <>
            <BarListChart
              data={data.partitions.slice(0, 64).map((p) => ({ label: `${p.topic}[${p.partition}]`, value: p.lag ?? 0, tone: BAR_TONE[p.status] }))}
              valueLabel="lag (records)"
              format={formatCount}
              summary={`Lag per partition; the largest is ${formatCount(Math.max(...data.partitions.map((p) => p.lag ?? 0)))} records.`}
              testId="partition-lag-bars"
            />
            <div className="mt-4 overflow-x-auto">
              <table className="w-full text-sm" data-testid="partitions-table">
                <thead className="text-left text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th className="py-2 pr-4">Partition</th>
                    <th className="py-2 pr-4">Status</th>
                    <th className="py-2 pr-4 text-right">Committed</th>
                    <th className="py-2 pr-4 text-right">Log start / high watermark</th>
                    <th className="py-2 pr-4 text-right">Lag</th>
                    <th className="py-2 pr-4 text-right">Time lag</th>
                    <th className="py-2 pr-4 text-right">In / out</th>
                    <th className="py-2 pr-4">Retention</th>
                    <th className="py-2 pr-4">Owner</th>
                  </tr>
                </thead>
                <tbody>
                  {data.partitions.map((p) => (
                    <tr key={`${p.topic}-${p.partition}`} data-testid="partition-row" className={`border-t border-border ${p.retention.kind === "lost" ? "bg-bad/10" : ""}`}>
                      <td className="py-2 pr-4 font-mono">
                        {p.topic}[{p.partition}]
                      </td>
                      <td className="py-2 pr-4">
                        <StatusBadge status={p.status} reason={p.statusReason} />
                      </td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums">{p.committedOffset ?? "none"}</td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums">
                        {p.logStartOffset ?? "—"} / {p.logEndOffset ?? "—"}
                        <LastStable end={p.logEndOffset} stable={p.lastStableOffset} />
                      </td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums" title={p.lagFromLogStart ? "no committed offset: counted from the log start" : undefined}>
                        {formatCount(p.lag)}
                        {p.lagFromLogStart ? "*" : ""}
                      </td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums" title={`estimate: ${p.timeLagEstimate}`}>
                        {formatDuration(p.timeLagSeconds)}
                        {p.timeLagEstimate === "lower-bound" ? "+" : ""}
                      </td>
                      <td className="py-2 pr-4 text-right font-mono tabular-nums">
                        {formatRate(p.inputRatePerSec)} / {formatRate(p.consumeRatePerSec)}
                      </td>
                      <td className="py-2 pr-4">
                        <RetentionRisk risk={p.retention} takenAt={data.takenAt} now={now} compact />
                      </td>
                      <td className="max-w-40 truncate py-2 pr-4 font-mono text-xs text-muted" title={p.assignedTo ?? undefined}>
                        {p.assignedTo === null ? "—" : (clientOf.get(p.assignedTo) ?? p.assignedTo)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-2 text-xs text-muted">
                Lag is measured against the high watermark (the end of the replicated log). Where a transaction is open, the last stable offset (as far as read_committed consumers can read) is shown under it. * no committed offset: lag counted from the log start. + time lag is a lower bound.
              </p>
            </div>
          </>
        )}
      </Panel>
      <Panel title={`Members (${g.memberList.length})`} testId="members-panel">
        {g.memberList.length === 0 ? (
          <p className="text-sm text-muted">No live members{g.state === "Empty" || g.state === "Dead" ? ` (group ${g.state})` : ""}.</p>
        ) : (
          <table className="w-full text-sm" data-testid="members-table">
            <thead className="text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th className="py-2 pr-4">Client id</th>
                <th className="py-2 pr-4">Host</th>
                <th className="py-2 pr-4 text-right">Partitions</th>
                {g.protocol === "consumer" ? <th className="py-2 pr-4 text-right">Member epoch</th> : null}
                <th className="py-2 pr-4">Member id</th>
              </tr>
            </thead>
            <tbody>
              {g.memberList.map((m) => (
                <tr key={m.memberId} className="border-t border-border" data-testid="member-row">
                  <td className="py-2 pr-4 font-mono">{m.clientId}</td>
                  <td className="py-2 pr-4 font-mono text-muted">{m.host}</td>
                  <td className="py-2 pr-4 text-right font-mono tabular-nums">
                    {m.partitions}
                    {m.reconciling ? <span className="ml-1 text-xs text-warn">reconciling</span> : null}
                  </td>
                  {g.protocol === "consumer" ? <td className="py-2 pr-4 text-right font-mono tabular-nums">{m.memberEpoch ?? "—"}</td> : null}
                  <td className="max-w-48 truncate py-2 pr-4 font-mono text-xs text-muted" title={m.memberId}>
                    {m.memberId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      {g.churn.stateTransitions.length || g.churn.membersJoined || g.churn.membersLeft || g.churn.epochBumps ? (
        <Panel title="Rebalance churn" testId="churn-panel">
          <p className="text-sm">
            {g.churn.membersJoined} joined, {g.churn.membersLeft} left, {g.churn.rebalancingSamples} samples rebalancing
            {g.churn.epochBumps !== null ? `, group epoch +${g.churn.epochBumps}` : ""}.
          </p>
          <ul className="mt-2 text-sm text-muted">
            {g.churn.stateTransitions.slice(-10).map((t) => (
              <li key={`${t.at}-${t.to}`}>
                {new Date(t.at).toLocaleTimeString()}: {t.from} → {t.to}
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </>
  );
}
