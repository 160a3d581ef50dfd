"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Role } from "@/lib/domain/auth/roles";
import type { ItemStatus } from "@/lib/domain/mitigation/item-state";
import type { CauseInput, ChecklistItem, ItemAction } from "@/lib/domain/mitigation/types";
import type { Verification } from "@/lib/domain/mitigation/verify";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import type { GuardedActionView, RequestActionBody } from "@/lib/schemas/mitigation";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export type ChecklistRow = ChecklistItem & { status: ItemStatus };
export interface ChecklistView {
  incidentId: string;
  items: ChecklistRow[];
  causes: CauseInput[];
  evidenceTakenAt: string | null;
  warnings: string[];
}
export interface VerificationView extends Verification {
  evidenceTakenAt: string | null;
  warnings: string[];
  freshnessSloSeconds: number | null;
  noGrowthSeconds: number;
}

// Keys derive from the factory's incident key, so an incident-wide invalidation covers them too.
const keys = {
  all: (id: string) => [...queryKeys.incident(id), "mitigation"] as const,
  checklist: (id: string) => [...queryKeys.incident(id), "mitigation", "checklist"] as const,
  actions: (id: string) => [...queryKeys.incident(id), "mitigation", "actions"] as const,
  verification: (id: string, slo: number | null, period: number) => [...queryKeys.incident(id), "mitigation", "verification", slo, period] as const,
};

export function useMe() {
  return useQuery({ queryKey: queryKeys.me(), queryFn: () => apiFetch<{ principal: { id: string; name: string; role: Role } }>("/api/auth/me"), staleTime: 60_000 });
}

export function useChecklist(incidentId: string) {
  return useQuery({ queryKey: keys.checklist(incidentId), queryFn: () => apiFetch<ChecklistView>(`/api/incidents/${incidentId}/mitigation`), staleTime: 15_000 });
}

export function useActions(incidentId: string) {
  return useQuery({ queryKey: keys.actions(incidentId), queryFn: () => apiFetch<{ actions: GuardedActionView[] }>(`/api/incidents/${incidentId}/actions`) });
}

export function useVerification(incidentId: string, slo: number | null, period: number, enabled: boolean) {
  const q = new URLSearchParams({ noGrowthSeconds: String(period), ...(slo ? { freshnessSloSeconds: String(slo) } : {}) });
  return useQuery({ queryKey: keys.verification(incidentId, slo, period), queryFn: () => apiFetch<VerificationView>(`/api/incidents/${incidentId}/mitigation/verification?${q.toString()}`), enabled, staleTime: 10_000 });
}

const CHECKLIST_KINDS = /^(checklist-item-updated|action-|recovery-verified|tree-mark)/;
const ACTION_KINDS = /^action-/;

const newestOf = (entries: readonly IncidentEntry[], kinds: RegExp) => entries.reduce((m, e) => (kinds.test(e.kind) && e.seq > m ? e.seq : m), 0);

/**
 * Refetches the guarded actions whenever the live log brings one of their entries (from anyone).
 * The incident page mounts it once (the waiting banner), so the Mitigation tab's cards and the
 * banner read the same query, live, whatever tab is open.
 */
export function useActionsLive(incidentId: string, entries: readonly IncidentEntry[]): void {
  const client = useQueryClient();
  const last = newestOf(entries, ACTION_KINDS);
  useEffect(() => {
    if (last > 0) void client.invalidateQueries({ queryKey: keys.actions(incidentId) });
  }, [client, incidentId, last]);
}

/** Refetches the checklist whenever the live log brings an entry its preconditions or states read. */
export function useMitigationLive(incidentId: string, entries: readonly IncidentEntry[]): void {
  const client = useQueryClient();
  const last = newestOf(entries, CHECKLIST_KINDS);
  useEffect(() => {
    if (last > 0) void client.invalidateQueries({ queryKey: keys.checklist(incidentId) });
  }, [client, incidentId, last]);
}

export function useUpdateItem(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ...body }: { itemId: string; action: ItemAction; reason?: string; assigneeId?: string; assigneeName?: string; expectedVersion?: number }) =>
      apiFetch(`/api/incidents/${incidentId}/mitigation/items/${encodeURIComponent(itemId)}`, { method: "POST", json: { ...body, idempotencyKey: crypto.randomUUID() } }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.checklist(incidentId) }),
  });
}

export function useRequestAction(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<RequestActionBody, "idempotencyKey">) =>
      apiFetch<{ action: GuardedActionView }>(`/api/incidents/${incidentId}/actions`, { method: "POST", json: { ...body, idempotencyKey: crypto.randomUUID() } }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.actions(incidentId) }),
  });
}

export function useActionVerb(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ actionId, verb, note }: { actionId: string; verb: "approve" | "reject" | "execute" | "rollback"; note?: string }) =>
      apiFetch<{ action: GuardedActionView }>(`/api/incidents/${incidentId}/actions/${actionId}/${verb}`, { method: "POST", json: note ? { note } : {} }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.actions(incidentId) }),
  });
}

export function useRecordVerification(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { freshnessSloSeconds?: number; noGrowthSeconds: number }) =>
      apiFetch<VerificationView>(`/api/incidents/${incidentId}/mitigation/verification`, { method: "POST", json: body }),
    onSuccess: (data, body) => client.setQueryData(keys.verification(incidentId, body.freshnessSloSeconds ?? null, body.noGrowthSeconds), data),
  });
}

export const mitigationKeys = keys;
