"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiTokenView, CreatedTokenView, CreateTokenBody } from "@/lib/schemas/auth";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export function useTokens() {
  return useQuery({ queryKey: queryKeys.tokens(), queryFn: () => apiFetch<{ tokens: ApiTokenView[] }>("/api/tokens") });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenBody) => apiFetch<CreatedTokenView>("/api/tokens", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ token: ApiTokenView }>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });
}
