"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DismissProposalBody, FreshnessProposalView } from "@/lib/schemas/freshness";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

/** Breaches the freshness watch proposes for a person to open (polled: the watch writes them between page loads). */
export function useFreshnessProposals() {
  return useQuery({ queryKey: queryKeys.freshnessProposals(), queryFn: () => apiFetch<{ proposals: FreshnessProposalView[] }>("/api/freshness/proposals"), refetchInterval: 10_000 });
}

export function useOpenProposal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ proposal: FreshnessProposalView; incidentId: string }>(`/api/freshness/proposals/${encodeURIComponent(id)}/open`, { method: "POST" }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.freshnessProposals() }), client.invalidateQueries({ queryKey: queryKeys.incidents() })]),
  });
}

export function useDismissProposal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DismissProposalBody }) => apiFetch<{ proposal: FreshnessProposalView }>(`/api/freshness/proposals/${encodeURIComponent(id)}/dismiss`, { method: "POST", json: body }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.freshnessProposals() }),
  });
}
