"use client";
import { IncidentWindowCharts } from "@/components/review/charts/incident-window-charts";
import { useIncidentCharts } from "@/lib/client/hooks/use-incident-charts";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { chartMarkers } from "@/lib/domain/review/timeline";
import { utcClock } from "@/lib/domain/metrics/durations";

/**
 * The incident window on two charts — lag and time lag; input vs consume rate — with the log's
 * deploy, schema and config events and status and severity changes drawn as markers (seed 000:
 * "lag started at 09:12" and "the deploy went out at 09:10" side by side). Markers come from the
 * live log, so a posted deploy shows at once; the series refreshes with the server's sampling.
 */
export function EvidenceChartsPanel({ incidentId, entries }: { incidentId: string; entries: readonly IncidentEntry[] }) {
  const { data, isPending, isError, error } = useIncidentCharts(incidentId);
  const markers = chartMarkers(entries);
  const newest = data?.series[data.series.length - 1]?.at ?? null;
  const domain: [number, number] | undefined = data?.series.length ? [Math.min(data.window.from, data.series[0]!.at), Math.max(data.window.to, newest ?? 0, ...markers.map((m) => Date.parse(m.at)))] : undefined;
  return (
    <section aria-labelledby="evidence-charts-heading" data-testid="evidence-charts" className="mb-4 grid gap-3 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id="evidence-charts-heading" className="font-semibold">Evidence over the incident window</h2>
        {newest !== null ? (
          <span className="text-xs text-muted" data-testid="evidence-charts-age">
            newest sample {utcClock(newest)} UTC · refreshed every 10 s
          </span>
        ) : null}
      </div>
      {isPending ? (
        <div aria-busy="true" className="grid gap-4 lg:grid-cols-2" data-testid="evidence-charts-loading">
          <div className="h-[252px] animate-pulse rounded-lg bg-surface-2" />
          <div className="h-[252px] animate-pulse rounded-lg bg-surface-2" />
        </div>
      ) : null}
      {isError ? (
        <p role="alert" className="text-sm text-bad">
          Could not load the evidence charts: {error.message}
          {data ? " — showing the last series received." : ""}
        </p>
      ) : null}
      {data ? (
        <IncidentWindowCharts
          series={data.series}
          markers={markers}
          domain={domain}
          emptyTestId="evidence-charts-empty"
          emptyText="No stored evidence covers this incident's window yet: the server samples its Kafka cluster every few seconds, and the charts fill in as samples of the scoped groups arrive."
        />
      ) : null}
    </section>
  );
}
