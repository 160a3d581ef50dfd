"use client";
import { useQuery } from "@tanstack/react-query";
import type { ClusterList } from "@/lib/schemas/clusters";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

/** Every configured cluster with its connection state (GET /api/clusters): the header's switcher, the new-incident form. */
export function useClusters() {
  return useQuery({
    queryKey: queryKeys.clusters(),
    queryFn: () => apiFetch<ClusterList>("/api/clusters"),
    // the header shows it on every page: every 10 s is enough for a connection state (the sampler tries every 10 s)
    refetchInterval: 10_000,
    refetchIntervalInBackground: false,
    retry: false,
  });
}
