"use client";
import { useQuery } from "@tanstack/react-query";
import type { Health } from "@/lib/schemas/health";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health(),
    queryFn: () => apiFetch<Health>("/api/health"),
    refetchInterval: 5_000,
    refetchIntervalInBackground: true,
    retry: false,
  });
}
