"use client";
import { Panel } from "@/components/cluster/panel";
import { useClusterBrokerCharts } from "@/lib/client/hooks/use-broker-charts";
import { BrokerCharts } from "./broker-charts";

const MINUTES = 30;

/** Broker latency beside storage and network over the last 30 minutes (Cluster page). */
export function ClusterBrokerCharts() {
  const { data, isPending, error } = useClusterBrokerCharts(MINUTES);
  return (
    <Panel title={`Broker latency (last ${MINUTES} min)`} testId="broker-charts-panel">
      <BrokerCharts view={data} testId="cluster-broker-charts" loading={isPending} loadError={error?.message ?? null} />
    </Panel>
  );
}
