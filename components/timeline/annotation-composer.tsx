"use client";
import { useState, type KeyboardEvent } from "react";
import { useAnnotate } from "@/lib/client/hooks/use-incidents";
import { newDraft, useIncidentUi } from "@/lib/client/stores/incident-ui-store";
import { ANNOTATION_KINDS, ANNOTATION_LABELS, type AnnotationKind } from "@/lib/domain/incidents/types";

/** Markdown annotation composer. Ctrl/⌘+Enter sends; the draft survives reloads and failures. */
export function AnnotationComposer({ incidentId, correcting, onDoneCorrecting }: { incidentId: string; correcting?: { id: string; seq: number } | null; onDoneCorrecting?: () => void }) {
  const draft = useIncidentUi((s) => s.drafts[incidentId]) ?? null;
  const setDraft = useIncidentUi((s) => s.setDraft);
  const clearDraft = useIncidentUi((s) => s.clearDraft);
  const annotate = useAnnotate(incidentId);
  const [correctionError, setCorrectionError] = useState<string | null>(null);
  const current = draft ?? newDraft();

  const send = async () => {
    if (!current.body.trim()) return;
    setCorrectionError(null);
    if (correcting) {
      const res = await fetch(`/api/incidents/${incidentId}/corrections`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ correctsEntryId: correcting.id, body: current.body, idempotencyKey: current.idempotencyKey }),
      });
      if (!res.ok) {
        setCorrectionError(((await res.json()) as { detail?: string }).detail ?? "the correction failed");
        return;
      }
      onDoneCorrecting?.();
    } else {
      await annotate.mutateAsync({ annotationKind: current.annotationKind, body: current.body, idempotencyKey: current.idempotencyKey });
    }
    clearDraft(incidentId);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send().catch(() => undefined);
    }
  };

  return (
    <form
      aria-label="Annotate the timeline"
      data-testid="annotation-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send().catch(() => undefined);
      }}
      className="grid gap-2 rounded-lg border border-border bg-surface p-3"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {correcting ? (
          <span className="text-warn">
            Correcting entry #{correcting.seq} — the original stays in the log.{" "}
            <button type="button" className="underline" onClick={onDoneCorrecting}>Cancel</button>
          </span>
        ) : (
          <label className="flex items-center gap-2">
            Kind
            <select
              data-testid="annotation-kind"
              value={current.annotationKind}
              onChange={(e) => setDraft(incidentId, { annotationKind: e.target.value as AnnotationKind })}
              className="rounded-md border border-border bg-surface px-2 py-1"
            >
              {ANNOTATION_KINDS.map((k) => (
                <option key={k} value={k}>{ANNOTATION_LABELS[k]}</option>
              ))}
            </select>
          </label>
        )}
        <span className="text-xs text-muted">Markdown · Ctrl+Enter to post · “Did not change” records what you checked and found unchanged</span>
      </div>
      <textarea
        data-testid="annotation-body"
        aria-label="Annotation (Markdown)"
        value={current.body}
        onChange={(e) => setDraft(incidentId, { body: e.target.value })}
        onKeyDown={onKey}
        rows={3}
        maxLength={20_000}
        placeholder="Lag started at 09:12 on partitions 3 and 7; the deploy of billing v2.3 was at 09:10."
        className="rounded-md border border-border bg-bg px-3 py-2 font-mono text-sm"
      />
      {annotate.error || correctionError ? (
        <p role="alert" className="text-sm text-bad">Not posted: {correctionError ?? annotate.error?.message}. Your draft is kept; sending again will not duplicate it.</p>
      ) : null}
      <div>
        <button data-testid="post-annotation" type="submit" disabled={annotate.isPending || !current.body.trim()} className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-bg disabled:opacity-50">
          {annotate.isPending ? "Posting…" : correcting ? "Post correction" : "Post"}
        </button>
      </div>
    </form>
  );
}
