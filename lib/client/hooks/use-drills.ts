"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ClusterSettingView, DrillView, PutClusterSettingBody, ScenarioView } from "@/lib/schemas/drills";
import { apiFetch } from "../api";

export const drillKeys = {
  all: () => ["drills"] as const,
  clusters: () => ["settings", "clusters"] as const,
};

export interface DrillsResponse {
  drills: DrillView[];
  scenarios: ScenarioView[];
  clusters: ClusterSettingView[];
}

export function useDrills() {
  return useQuery({
    queryKey: drillKeys.all(),
    queryFn: () => apiFetch<DrillsResponse>("/api/drills"),
    // running drills change state on their own (auto-stop): keep the list fresh while any runs
    refetchInterval: (q) => (q.state.data?.drills.some((d) => d.state === "running" || d.state === "stopping") ? 3_000 : false),
  });
}

export function useStartDrill() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { scenario: string; cluster: string; durationSeconds: number; gameDay: boolean }) => apiFetch<{ drill: DrillView }>("/api/drills", { method: "POST", json: input }),
    onSettled: () => client.invalidateQueries({ queryKey: drillKeys.all() }),
  });
}

export function useStopDrill() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ drill: DrillView }>(`/api/drills/${id}/stop`, { method: "POST", json: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: drillKeys.all() }),
  });
}

export function useClusterSettings() {
  return useQuery({ queryKey: drillKeys.clusters(), queryFn: () => apiFetch<{ clusters: ClusterSettingView[] }>("/api/settings/clusters") });
}

export function useSetClusterEnvironment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ cluster, ...body }: PutClusterSettingBody & { cluster: string }) =>
      apiFetch<{ cluster: ClusterSettingView }>(`/api/settings/clusters/${encodeURIComponent(cluster)}`, { method: "PUT", json: body }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: drillKeys.clusters() });
      void client.invalidateQueries({ queryKey: drillKeys.all() });
    },
  });
}
