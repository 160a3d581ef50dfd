"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DeliveryStatus } from "@/lib/domain/notifications/types";
import type { CatchUpView, ChannelView, ClusterRoutingView, CreateChannelBody, DeliveryView, PutClusterRoutingBody, StakeholderUpdateBody } from "@/lib/schemas/notifications";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export function useChannels(enabled = true) {
  return useQuery({ queryKey: queryKeys.notificationChannels(), queryFn: () => apiFetch<{ channels: ChannelView[] }>("/api/notifications/channels"), enabled });
}

export function useCreateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelBody) => apiFetch<{ channel: ChannelView }>("/api/notifications/channels", { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.notificationChannels() }),
  });
}

export function useDeleteChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<void>(`/api/notifications/channels/${encodeURIComponent(name)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.notificationChannels() }),
  });
}

export function useDeliveries(filters: { status?: DeliveryStatus }, enabled = true) {
  const search = new URLSearchParams({ limit: "100", ...(filters.status ? { status: filters.status } : {}) });
  return useQuery({
    queryKey: queryKeys.notificationDeliveries({ status: filters.status }),
    queryFn: () => apiFetch<{ deliveries: DeliveryView[]; counts: Record<DeliveryStatus, number> }>(`/api/notifications/deliveries?${search.toString()}`),
    // deliveries move on their own (retries, receivers coming back): keep the view current
    refetchInterval: 5_000,
    enabled,
  });
}

export function useRetryDelivery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ delivery: DeliveryView }>(`/api/notifications/deliveries/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.notificationDeliveryLists() }),
  });
}

export function useClusterRouting(cluster: string) {
  return useQuery({ queryKey: queryKeys.clusterRouting(cluster), queryFn: () => apiFetch<{ routing: ClusterRoutingView }>(`/api/notifications/routing/${encodeURIComponent(cluster)}`) });
}

export function useSaveClusterRouting(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PutClusterRoutingBody) => apiFetch<{ routing: ClusterRoutingView }>(`/api/notifications/routing/${encodeURIComponent(cluster)}`, { method: "PUT", json: body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.clusterRouting(cluster) });
      void client.invalidateQueries({ queryKey: queryKeys.notificationChannels() });
    },
  });
}

export function usePostStakeholderUpdate(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StakeholderUpdateBody) => apiFetch(`/api/incidents/${encodeURIComponent(incidentId)}/updates`, { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.incident(incidentId) }),
  });
}

/** The catch-up summary, refreshed whenever the log grows (`lastSeq`). */
export function useCatchUp(incidentId: string, lastSeq: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.incidentCatchUp(incidentId, lastSeq),
    queryFn: () => apiFetch<{ catchUp: CatchUpView }>(`/api/incidents/${encodeURIComponent(incidentId)}/catch-up`),
    enabled,
    placeholderData: (previous) => previous,
  });
}
