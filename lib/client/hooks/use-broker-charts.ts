"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { BrokerChartsView, IncidentBrokerChartsView } from "@/lib/schemas/broker-charts";
import { apiFetch } from "../api";
import { clusterQuery } from "../cluster-paths";
import { queryKeys } from "../query-keys";

/** Prometheus scrapes every few seconds; the sampler reads every 10 s: refreshing faster redraws the same points. */
const REFRESH_MS = 10_000;

/** Broker latency / storage / network series over the last `minutes` (Cluster page). */
export function useClusterBrokerCharts(cluster: string, minutes: number) {
  return useQuery({
    queryKey: queryKeys.brokerCharts(cluster, minutes),
    queryFn: () => apiFetch<BrokerChartsView>(`/api/cluster/broker-charts?minutes=${minutes}&${clusterQuery(cluster)}`),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The same over an incident's window (with a lead-in before it). */
export function useIncidentBrokerCharts(incidentId: string) {
  return useQuery({
    queryKey: queryKeys.incidentBrokerCharts(incidentId),
    queryFn: () => apiFetch<IncidentBrokerChartsView>(`/api/incidents/${incidentId}/broker-charts`),
    refetchInterval: REFRESH_MS,
    staleTime: 5_000,
    retry: false,
  });
}
