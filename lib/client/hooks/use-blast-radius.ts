"use client";
import { useQuery } from "@tanstack/react-query";
import type { BlastRadiusView } from "@/lib/schemas/blast-radius";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

/** Who reads a topic changes with deploys, not by the second: a slow refresh is enough. */
const REFRESH_MS = 30_000;

/** The incident's blast radius: services reading the topics of its consumer groups. */
export function useBlastRadius(incidentId: string) {
  return useQuery({
    queryKey: queryKeys.incidentBlastRadius(incidentId),
    queryFn: () => apiFetch<BlastRadiusView>(`/api/incidents/${incidentId}/blast-radius`),
    refetchInterval: REFRESH_MS,
    staleTime: 15_000,
  });
}
