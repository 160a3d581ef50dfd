"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OwnerView } from "@/lib/schemas/owners";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export function useOwners() {
  return useQuery({ queryKey: queryKeys.owners(), queryFn: () => apiFetch<{ owners: OwnerView[] }>("/api/owners") });
}

export function useSetOwnerMembers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, userIds }: { name: string; userIds: string[] }) => apiFetch<{ owner: OwnerView }>(`/api/owners/${encodeURIComponent(name)}`, { method: "PUT", json: { userIds } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.owners() }),
  });
}
