"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ActionItem, ReviewContent, ReviewState } from "@/lib/domain/review/types";
import type { MetricsView } from "@/lib/server/metrics/compute-dashboard";
import type { ReviewRecord } from "@/lib/server/reviews/mappers";
import type { ReviewView } from "@/lib/server/reviews/get-review";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export function useReview(incidentId: string, initial?: ReviewView) {
  return useQuery({ queryKey: queryKeys.review(incidentId), queryFn: () => apiFetch<ReviewView>(`/api/incidents/${incidentId}/review`), initialData: initial, refetchOnWindowFocus: false });
}

export function useReviewMutations(incidentId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.review(incidentId) });
  const base = `/api/incidents/${incidentId}`;
  return {
    save: useMutation({
      mutationFn: (v: { version: number; content: ReviewContent }) => apiFetch<{ review: ReviewRecord }>(`${base}/review`, { method: "PUT", json: v }),
      onSuccess: refresh,
    }),
    changeState: useMutation({
      mutationFn: (v: { version: number; to: ReviewState }) => apiFetch<{ review: ReviewRecord }>(`${base}/review/state`, { method: "POST", json: v }),
      onSuccess: refresh,
    }),
    addItem: useMutation({
      mutationFn: (v: { title: string; type: ActionItem["type"]; owner: string; dueDate: string | null; control: string | null }) =>
        apiFetch<{ actionItem: ActionItem }>(`${base}/review/action-items`, { method: "POST", json: v }),
      onSuccess: refresh,
    }),
    updateItem: useMutation({
      mutationFn: ({ id, ...v }: { id: string; version: number; status?: ActionItem["status"] }) => apiFetch<{ actionItem: ActionItem }>(`${base}/review/action-items/${id}`, { method: "PATCH", json: v }),
      onSettled: refresh,
    }),
    deleteItem: useMutation({
      mutationFn: async ({ id, version }: { id: string; version: number }) => {
        const res = await fetch(`${base}/review/action-items/${id}?version=${version}`, { method: "DELETE", credentials: "same-origin" });
        if (!res.ok && res.status !== 204) throw new Error(`could not remove the action item (${res.status})`);
      },
      onSettled: refresh,
    }),
    pin: useMutation({
      mutationFn: (v: { entryId: string; pinned: boolean }) => apiFetch(`${base}/pins`, { method: "POST", json: v }),
      onSuccess: refresh,
    }),
  };
}

export function useMetrics(includeDrills: boolean) {
  return useQuery({ queryKey: queryKeys.metrics(includeDrills), queryFn: () => apiFetch<MetricsView>(`/api/metrics?includeDrills=${includeDrills}`) });
}
