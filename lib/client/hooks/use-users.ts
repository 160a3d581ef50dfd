"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateUserBody, UpdateUserBody, UserView } from "@/lib/schemas/auth";
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

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: UpdateUserBody & { id: string }) => apiFetch<{ user: UserView }>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", json: change }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users() }),
  });
}

export function useSetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => apiFetch<{ endedSessions: number }>(`/api/users/${encodeURIComponent(id)}/password`, { method: "POST", json: { password } }),
  });
}

export function useSignOutUser() {
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ endedSessions: number }>(`/api/users/${encodeURIComponent(id)}/sign-out`, { method: "POST" }),
  });
}

export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => apiFetch<{ endedSessions: number }>("/api/auth/password", { method: "POST", json: input }),
  });
}

export function useSignOutEverywhere() {
  return useMutation({ mutationFn: () => apiFetch<{ endedSessions: number }>("/api/auth/sign-out-everywhere", { method: "POST" }) });
}
