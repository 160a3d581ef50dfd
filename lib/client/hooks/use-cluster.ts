"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ClusterOverview, GroupDetail, TopicDetail } from "@/lib/schemas/cluster";
import { useClusterViewStore } from "../stores/cluster-view-store";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

/** The server answers for the one configured cluster; keys are scoped by this name. */
export const CLUSTER_KEY = "configured";

/**
 * Polling follows the user's interval (paused = no polling). A failed poll keeps the last data
 * (React Query keeps `data` on error), so pages show it marked stale with its age.
 */
function usePolling() {
  const { pollMs, paused } = useClusterViewStore();
  return { refetchInterval: paused ? (false as const) : pollMs, refetchIntervalInBackground: false, retry: false as const, placeholderData: keepPreviousData };
}

export function useClusterOverview() {
  return useQuery({ queryKey: queryKeys.clusterOverview(CLUSTER_KEY), queryFn: () => apiFetch<ClusterOverview>("/api/cluster"), ...usePolling() });
}

export function useGroupDetail(groupId: string, minutes: number) {
  return useQuery({
    queryKey: queryKeys.groupSeries(CLUSTER_KEY, groupId, minutes),
    queryFn: () => apiFetch<GroupDetail>(`/api/cluster/groups/${encodeURIComponent(groupId)}?minutes=${minutes}`),
    ...usePolling(),
  });
}

export function useTopicDetail(topic: string) {
  return useQuery({
    queryKey: queryKeys.topic(CLUSTER_KEY, topic),
    queryFn: () => apiFetch<TopicDetail>(`/api/cluster/topics/${encodeURIComponent(topic)}`),
    ...usePolling(),
  });
}
