"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { z } from "zod";
import { advanceIncident, type IncidentState } from "@/lib/domain/incidents/derive";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import type { AnnotateBody, ChangeStatusBody, CommanderAnswersBody, DecideSeverityBody, IncidentSummaryView, OpenIncidentBody, PostEventBody } from "@/lib/schemas/incidents";
import type { CurrentProposalView, SeverityEvaluationView } from "@/lib/schemas/severity";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export type IncidentSummary = z.infer<typeof IncidentSummaryView>;
export interface Viewer {
  userId: string;
  name: string;
  role: string;
}
export interface IncidentDetail {
  incident: IncidentSummary;
  state: IncidentState;
  entries: IncidentEntry[];
  viewers: Viewer[];
  /** the current severity proposal Ripcord keeps from the evidence (GET /api/incidents/{id}) */
  proposal: CurrentProposalView | null;
}
export type SeverityProposal = SeverityEvaluationView;
export type IncidentFilters = Record<"status" | "severity" | "cluster" | "from" | "to" | "q", string | undefined>;

export function useIncidentList(filters: IncidentFilters) {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  return useQuery({
    queryKey: queryKeys.incidentList(filters),
    queryFn: () => apiFetch<{ incidents: IncidentSummary[] }>(`/api/incidents?${params.toString()}`),
  });
}

/** Keeps every incident list fresh: any change to any incident invalidates the lists. */
export function useIncidentListLive(): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource("/api/incidents/stream");
    const refresh = () => void client.invalidateQueries({ queryKey: [...queryKeys.incidents(), "list"] });
    source.addEventListener("ready", () => {
      setConnected(true);
      refresh();
    });
    source.addEventListener("changed", refresh);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [client]);
  return connected;
}

export function useIncident(incidentId: string, initialData?: IncidentDetail) {
  return useQuery({
    queryKey: queryKeys.incident(incidentId),
    queryFn: () => apiFetch<IncidentDetail>(`/api/incidents/${incidentId}`),
    initialData,
    // The stream keeps it fresh; a refetch on focus only catches what a dead stream missed.
    staleTime: 30_000,
    // Each stream event replaces the data with the next state (appendToDetail); comparing a
    // 5,000-entry log deeply on every event is what structural sharing would cost.
    structuralSharing: false,
  });
}

/**
 * The detail with one more entry (the next seq): the state advances by that entry alone
 * (advanceIncident), never re-derived from the whole log, so a live update costs the same on
 * an incident of 5,000 entries as on one of 5.
 */
export function appendToDetail(current: IncidentDetail, entry: IncidentEntry): IncidentDetail {
  return { ...current, entries: [...current.entries, entry], state: advanceIncident(current.state, entry), incident: { ...current.incident, lastSeq: entry.seq } };
}

export type StreamStatus = "connecting" | "live" | "reconnecting";

/**
 * Follows the incident's SSE stream and patches the detail query through the key factory:
 * entries append in seq order (a gap triggers a refetch), presence replaces the viewers.
 * EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed.
 */
export function useIncidentStream(incidentId: string, afterSeq: number): StreamStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>("connecting");
  useEffect(() => {
    const key = queryKeys.incident(incidentId);
    const source = new EventSource(`/api/incidents/${incidentId}/stream?after=${afterSeq}`);
    source.addEventListener("entry", (message: MessageEvent<string>) => {
      const entry = JSON.parse(message.data) as IncidentEntry;
      const current = client.getQueryData<IncidentDetail>(key);
      if (!current) return;
      if (entry.seq <= current.state.lastSeq) return;
      if (entry.seq !== current.state.lastSeq + 1) {
        void client.invalidateQueries({ queryKey: key });
        return;
      }
      client.setQueryData<IncidentDetail>(key, appendToDetail(current, entry));
      // A new proposal: the stored current one (with its evidence summary) is read again.
      if (entry.kind === "severity-proposed") void client.invalidateQueries({ queryKey: key, exact: true });
    });
    source.addEventListener("presence", (message: MessageEvent<string>) => {
      const { viewers } = JSON.parse(message.data) as { viewers: Viewer[] };
      const current = client.getQueryData<IncidentDetail>(key);
      if (current) client.setQueryData<IncidentDetail>(key, { ...current, viewers });
    });
    source.addEventListener("ready", () => setStatus("live"));
    source.onerror = () => setStatus("reconnecting");
    return () => source.close();
    // afterSeq only matters for the first connection; later ones resume from Last-Event-ID.
  }, [incidentId, client]);
  return status;
}

const newKey = () => crypto.randomUUID();

export function useOpenIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<OpenIncidentBody, "idempotencyKey" | "cluster" | "scope"> & Partial<Pick<OpenIncidentBody, "cluster" | "scope">>) =>
      apiFetch<{ incident: IncidentSummary }>("/api/incidents", { method: "POST", json: { ...body, idempotencyKey: newKey() } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.incidents() }),
  });
}

type Appended = { entry: IncidentEntry; duplicate: boolean };

export function useAnnotate(incidentId: string) {
  return useMutation({
    // The key is made once per draft by the caller, so a retry of the same draft is stored once.
    mutationFn: (body: Omit<AnnotateBody, "links"> & { links?: AnnotateBody["links"] }) =>
      apiFetch<Appended>(`/api/incidents/${incidentId}/annotations`, { method: "POST", json: body }),
    retry: 2,
  });
}

export function useChangeStatus(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<ChangeStatusBody, "idempotencyKey">) => apiFetch<Appended>(`/api/incidents/${incidentId}/status`, { method: "POST", json: { ...body, idempotencyKey: newKey() } }),
    onError: () => client.invalidateQueries({ queryKey: queryKeys.incident(incidentId) }),
  });
}

export function useProposeSeverity(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.incidentSeverityEvaluation(incidentId) }),
    mutationFn: (body: CommanderAnswersBody) => apiFetch<{ proposal: SeverityProposal; entry: IncidentEntry }>(`/api/incidents/${incidentId}/severity/proposal`, { method: "POST", json: body }),
  });
}

export function useDecideSeverity(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<z.input<typeof DecideSeverityBody>, "idempotencyKey">) =>
      apiFetch<Appended>(`/api/incidents/${incidentId}/severity`, { method: "POST", json: { ...body, idempotencyKey: newKey() } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.incidentSeverityEvaluation(incidentId) }),
    onError: () => client.invalidateQueries({ queryKey: queryKeys.incident(incidentId) }),
  });
}

/** The Severity tab's full evaluation (answers table, what is known); the header reads the stored proposal instead. */
export function useSeverityEvaluation(incidentId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.incidentSeverityEvaluation(incidentId),
    queryFn: () => apiFetch<SeverityProposal>(`/api/incidents/${incidentId}/severity/evaluation`),
    enabled,
    refetchInterval: 30_000,
    staleTime: 10_000,
    retry: false,
  });
}

/** A deploy / schema / config change recorded by a person (POST /api/events): kept for its scope, attached to the incidents it touches. */
export function useRecordEvent() {
  return useMutation({
    mutationFn: (body: Omit<z.input<typeof PostEventBody>, "idempotencyKey">) =>
      apiFetch<{ attachedTo: { incidentId: string; seq: number }[] }>("/api/events", { method: "POST", json: { ...body, idempotencyKey: newKey() } }),
  });
}
