"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ClusterOverview, GroupDetail, TopicDetail } from "@/lib/schemas/cluster";
import { useClusterViewStore } from "../stores/cluster-view-store";
import { apiFetch } from "../api";
import { clusterQuery } from "../cluster-paths";
import { queryKeys } from "../query-keys";

/**
 * Polling follows the user's interval (paused = no polling). A failed poll keeps the last data
 * (React Query keeps `data` on error), so pages show it marked stale with its age.
 */
function usePolling() {
  const { pollMs, paused } = useClusterViewStore();
  return { refetchInterval: paused ? (false as const) : pollMs, refetchIntervalInBackground: false, retry: false as const, placeholderData: keepPreviousData };
}

/** Each read names its cluster (`?cluster=`); "default" (an older incident's cluster) is the default cluster on the server. */
export function useClusterOverview(cluster: string) {
  return useQuery({ queryKey: queryKeys.clusterOverview(cluster), queryFn: () => apiFetch<ClusterOverview>(`/api/cluster?${clusterQuery(cluster)}`), ...usePolling() });
}

export function useGroupDetail(cluster: string, groupId: string, minutes: number) {
  return useQuery({
    queryKey: queryKeys.groupSeries(cluster, groupId, minutes),
    queryFn: () => apiFetch<GroupDetail>(`/api/cluster/groups/${encodeURIComponent(groupId)}?minutes=${minutes}&${clusterQuery(cluster)}`),
    ...usePolling(),
  });
}

export function useTopicDetail(cluster: string, topic: string) {
  return useQuery({
    queryKey: queryKeys.topic(cluster, topic),
    queryFn: () => apiFetch<TopicDetail>(`/api/cluster/topics/${encodeURIComponent(topic)}?${clusterQuery(cluster)}`),
    ...usePolling(),
  });
}
