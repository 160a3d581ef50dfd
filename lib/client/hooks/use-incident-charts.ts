"use client";
import { useQuery } from "@tanstack/react-query";
import type { IncidentChartsView } from "@/lib/schemas/incidents";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

/** The server samples Kafka every 10 s: polling faster would only redraw the same points. */
const REFRESH_MS = 10_000;

/** The incident window's evidence series (markers come live from the log on the page). */
export function useIncidentCharts(incidentId: string) {
  return useQuery({
    queryKey: queryKeys.incidentCharts(incidentId),
    queryFn: () => apiFetch<IncidentChartsView>(`/api/incidents/${incidentId}/charts`),
    refetchInterval: REFRESH_MS,
    staleTime: 5_000,
  });
}
