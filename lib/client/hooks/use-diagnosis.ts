"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import type { AnswerQuestionBody, IncidentDiagnosisView, MarkNodeBody } from "@/lib/schemas/diagnosis";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";
import { appendToDetail, type IncidentDetail } from "./use-incidents";

/** Under the incident's key, so refetching the incident refreshes its diagnosis too. */
export const diagnosisKey = (incidentId: string) => [...queryKeys.incident(incidentId), "diagnosis"] as const;

const REFRESH_MS = 10_000;
/** entries that change the diagnosis's inputs: answers and timeline events */
const FEEDS_DIAGNOSIS = new Set(["tree-answer", "event"]);

/**
 * The incident's diagnosis, refreshed as the evidence sampler moves (every 10 s) and at once
 * when an answer or a deploy/schema event lands in the log (entries come live from the stream).
 */
export function useDiagnosis(incidentId: string, entries: readonly IncidentEntry[]) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: diagnosisKey(incidentId),
    queryFn: () => apiFetch<IncidentDiagnosisView>(`/api/incidents/${incidentId}/diagnosis`),
    refetchInterval: REFRESH_MS,
    staleTime: 5_000,
  });
  const inputs = entries.filter((e) => FEEDS_DIAGNOSIS.has(e.kind)).length;
  const seen = useRef(inputs);
  useEffect(() => {
    if (inputs === seen.current) return;
    seen.current = inputs;
    void client.invalidateQueries({ queryKey: diagnosisKey(incidentId) });
  }, [inputs, incidentId, client]);
  return query;
}

type Appended = { entry: IncidentEntry; duplicate: boolean };
const newKey = () => crypto.randomUUID();

/** Shows our own entry at once when it is the next one; otherwise the stream (or a refetch) brings it. */
function useAppendLocally(incidentId: string) {
  const client = useQueryClient();
  return ({ entry }: Appended) => {
    const key = queryKeys.incident(incidentId);
    const current = client.getQueryData<IncidentDetail>(key);
    if (!current || entry.seq !== current.state.lastSeq + 1) return;
    client.setQueryData<IncidentDetail>(key, appendToDetail(current, entry));
  };
}

/** The new entry reaches every other browser through the incident stream. */
export function useMarkNode(incidentId: string) {
  const appendLocally = useAppendLocally(incidentId);
  return useMutation({
    mutationFn: (body: Omit<z.input<typeof MarkNodeBody>, "idempotencyKey">) =>
      apiFetch<Appended>(`/api/incidents/${incidentId}/tree/marks`, { method: "POST", json: { ...body, idempotencyKey: newKey() } }),
    onSuccess: appendLocally,
  });
}

export function useAnswerQuestion(incidentId: string) {
  const appendLocally = useAppendLocally(incidentId);
  return useMutation({
    onSuccess: appendLocally,
    mutationFn: (body: Omit<z.input<typeof AnswerQuestionBody>, "idempotencyKey">) =>
      apiFetch<Appended>(`/api/incidents/${incidentId}/tree/answers`, { method: "POST", json: { ...body, idempotencyKey: newKey() } }),
  });
}
