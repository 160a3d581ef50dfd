"use client";
import { Panel } from "@/components/cluster/panel";
import { ChartWindowSelect } from "@/components/cluster/chart-window-select";
import { BROKER_WINDOW_MINUTES, CHART_WINDOW_LABEL, CHART_WINDOWS } from "@/lib/client/chart-windows";
import { useClusterBrokerCharts } from "@/lib/client/hooks/use-broker-charts";
import { oneOf, useSearchParam } from "@/lib/client/hooks/use-search-param";
import { BrokerCharts } from "./broker-charts";

const parseWindow = oneOf(CHART_WINDOWS, BROKER_WINDOW_MINUTES);

/** Broker latency beside storage and network over the last minutes (Cluster page); the window is in the URL (`?window=`). */
export function ClusterBrokerCharts({ cluster }: { cluster: string }) {
  const [minutes, setMinutes] = useSearchParam("window", parseWindow, BROKER_WINDOW_MINUTES);
  const { data, isPending, error } = useClusterBrokerCharts(cluster, minutes);
  return (
    <Panel
      title={`Broker latency (last ${CHART_WINDOW_LABEL[minutes]})`}
      testId="broker-charts-panel"
      actions={
        <ChartWindowSelect testId="broker-window" className="font-normal" value={minutes} onChange={(raw) => setMinutes(parseWindow(raw))} />
      }
    >
      <BrokerCharts view={data} testId="cluster-broker-charts" loading={isPending} loadError={error?.message ?? null} />
    </Panel>
  );
}
