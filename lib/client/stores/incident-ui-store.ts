"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { AnnotationKind } from "@/lib/domain/incidents/types";

export interface AnnotationDraft {
  annotationKind: AnnotationKind;
  body: string;
  /** one key per draft: a retried send of the same draft is stored once */
  idempotencyKey: string;
}

interface IncidentUiState {
  /** local time or UTC on every timestamp; both always show their offset */
  timeZone: "local" | "utc";
  drafts: Record<string, AnnotationDraft>;
  setTimeZone: (tz: "local" | "utc") => void;
  setDraft: (incidentId: string, draft: Partial<AnnotationDraft>) => void;
  clearDraft: (incidentId: string) => void;
}

export const newDraft = (): AnnotationDraft => ({ annotationKind: "observation", body: "", idempotencyKey: crypto.randomUUID() });

/** Ephemeral UI state only (drafts survive a reload); never a copy of server data. */
export const useIncidentUi = create<IncidentUiState>()(
  persist(
    (set) => ({
      timeZone: "local",
      drafts: {},
      setTimeZone: (timeZone) => set({ timeZone }),
      setDraft: (incidentId, draft) => set((s) => ({ drafts: { ...s.drafts, [incidentId]: { ...(s.drafts[incidentId] ?? newDraft()), ...draft } } })),
      clearDraft: (incidentId) =>
        set((s) => {
          const drafts = { ...s.drafts };
          delete drafts[incidentId];
          return { drafts };
        }),
    }),
    { name: "ripcord-incident-ui" },
  ),
);
