"use client";
import { useState } from "react";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import type { BrokerChartPoint, BrokerChartsView } from "@/lib/schemas/broker-charts";
import { formatBytes } from "@/lib/domain/evidence/bytes";
import { utcClock } from "@/lib/domain/metrics/durations";

const ms = (v: number) => (v >= 100 ? `${Math.round(v)} ms` : `${Math.round(v * 10) / 10} ms`);
const pct = (v: number) => `${Math.round(v)}%`;
const rate = (v: number) => `${formatBytes(v)}/s`;
const clock = (at: number) => utcClock(at) + " UTC";

/** The broker whose produce p99 peaks highest in the window: the one to look at first. */
function busiest(view: BrokerChartsView): number | null {
  let best: { nodeId: number; v: number } | null = null;
  for (const p of view.points) {
    const v = p.produceP99Ms ?? -1;
    if (!best || v > best.v) best = { nodeId: p.nodeId, v };
  }
  return best?.nodeId ?? view.brokers[0] ?? null;
}

/**
 * Seed 000's second correlation: a broker's request latency (produce / fetch / request queue
 * p99) next to its storage (log append = produce local time, log flush p99) and network
 * signals (bytes in / out, network and I/O thread idle %), one broker at a time, the busiest
 * first. Every state says itself: not configured (how to turn it on), Prometheus unavailable
 * (stored readings or nothing), stale (no recent scrape), not exported (which figure).
 */
export function BrokerCharts({ view, testId, loading, loadError }: { view: BrokerChartsView | undefined; testId: string; loading: boolean; loadError: string | null }) {
  const [chosen, setChosen] = useState<number | null>(null);
  if (!view) {
    if (loadError) return <p role="alert" className="text-sm text-bad" data-testid={`${testId}-error`}>Could not load the broker metrics: {loadError}</p>;
    return loading ? <div aria-busy="true" className="h-[252px] animate-pulse rounded-lg bg-surface-2" data-testid={`${testId}-loading`} /> : null;
  }
  if (view.state === "not-configured") {
    return (
      <p className="rounded border border-border bg-surface-2 px-3 py-2 text-sm text-muted" data-testid={`${testId}-not-configured`}>
        {view.message}
      </p>
    );
  }
  const nodeId = chosen !== null && view.brokers.includes(chosen) ? chosen : busiest(view);
  const points: BrokerChartPoint[] = view.points.filter((p) => p.nodeId === nodeId);
  const status =
    view.state === "ok" ? null : (
      <p role={view.state === "unavailable" ? "alert" : "status"} className={`text-sm ${view.state === "unavailable" ? "text-bad" : "text-warn"}`} data-testid={`${testId}-${view.state}`}>
        {view.message}
      </p>
    );
  return (
    <div className="grid gap-3" data-testid={testId} data-state={view.state} data-source={view.source}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs text-muted">
        {view.brokers.length > 1 ? (
          <label>
            Broker{" "}
            <select className="rounded border border-border bg-surface px-1 py-0.5 text-fg" value={nodeId ?? ""} onChange={(e) => setChosen(Number(e.target.value))} data-testid={`${testId}-broker`}>
              {view.brokers.map((b) => (
                <option key={b} value={b}>
                  #{b}
                </option>
              ))}
            </select>
          </label>
        ) : nodeId !== null ? (
          <span>Broker #{nodeId}</span>
        ) : null}
        <span>
          {clock(view.window.from)} – {clock(view.window.to)} · step {Math.round(view.stepMs / 1000)} s · {view.source === "prometheus" ? "from Prometheus" : view.source === "stored" ? "readings stored with the evidence" : ""}
        </span>
        {view.newestAt !== null ? <span data-testid={`${testId}-newest`}>newest point {clock(view.newestAt)}</span> : null}
      </div>
      {status}
      {points.length === 0 ? (
        <p className="text-sm text-muted" data-testid={`${testId}-empty`}>
          No broker metrics in this window yet: Prometheus has no series of the brokers between {clock(view.window.from)} and {clock(view.window.to)}.
        </p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <TimeSeriesChart
            data={points}
            x="at"
            testId={`${testId}-latency`}
            summary={`Broker ${nodeId} request latency p99 (produce, fetch, request queue) and storage (log append, log flush) over the window, ${points.length} points`}
            leftLabel="p99 (ms)"
            formatLeft={ms}
            series={[
              { key: "produceP99Ms", label: "produce p99", tone: "bad" },
              { key: "requestQueueP99Ms", label: "request queue p99", tone: "warn" },
              { key: "produceLocalP99Ms", label: "log append p99", tone: "accent", dashed: true },
              { key: "logFlushP99Ms", label: "log flush p99", tone: "sev4", dashed: true },
              { key: "fetchP99Ms", label: "fetch p99", tone: "muted" },
            ]}
          />
          <TimeSeriesChart
            data={points}
            x="at"
            testId={`${testId}-network`}
            summary={`Broker ${nodeId} bytes in and out per second and thread idle % over the window, ${points.length} points`}
            leftLabel="bytes/s"
            rightLabel="idle %"
            formatLeft={rate}
            formatRight={pct}
            series={[
              { key: "bytesInPerSec", label: "bytes in", tone: "accent" },
              { key: "bytesOutPerSec", label: "bytes out", tone: "ok" },
              { key: "requestIdlePct", label: "I/O threads idle", tone: "warn", axis: "right", dashed: true },
              { key: "networkIdlePct", label: "network threads idle", tone: "muted", axis: "right", dashed: true },
            ]}
          />
        </div>
      )}
      {view.notExported.length ? (
        <p className="text-xs text-muted" data-testid={`${testId}-not-exported`}>
          Not exported: {view.notExported.map((n) => `${n.key} (${n.note})`).join("; ")}.
        </p>
      ) : null}
    </div>
  );
}
