"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateTokenBody, CreateUserBody, UserView } from "@/lib/schemas/auth";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users(), queryFn: () => apiFetch<{ users: UserView[] }>("/api/users") });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserBody) => apiFetch<{ user: UserView }>("/api/users", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users() }),
  });
}

export function useCreateToken() {
  return useMutation({
    mutationFn: (input: CreateTokenBody) => apiFetch<{ token: string; name: string; role: string }>("/api/tokens", { method: "POST", json: input }),
  });
}
