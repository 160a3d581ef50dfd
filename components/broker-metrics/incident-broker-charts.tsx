"use client";
import { useIncidentBrokerCharts } from "@/lib/client/hooks/use-broker-charts";
import { BrokerCharts } from "./broker-charts";
import { utcClock } from "@/lib/domain/metrics/durations";

/** The incident window's broker latency beside storage and network (seed 000's second correlation). */
export function IncidentBrokerCharts({ incidentId }: { incidentId: string }) {
  const { data, isPending, error } = useIncidentBrokerCharts(incidentId);
  return (
    <section aria-labelledby="broker-charts-heading" className="mb-4 grid gap-3 rounded-lg border border-border bg-surface p-4" data-testid="incident-broker-charts-panel">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 id="broker-charts-heading" className="font-semibold">Broker latency, storage and network</h2>
        {data && data.state !== "not-configured" ? (
          <span className="text-xs text-muted">incident window from {utcClock(data.incidentWindow.from)} UTC, after a 5 min lead-in</span>
        ) : null}
      </div>
      <BrokerCharts view={data} testId="incident-broker-charts" loading={isPending} loadError={error?.message ?? null} />
    </section>
  );
}
