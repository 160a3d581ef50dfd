"use client";
import { useState } from "react";
import { Time } from "@/components/timeline/time";
import { useCatchUp } from "@/lib/client/hooks/use-notifications";
import type { IncidentState } from "@/lib/domain/incidents/derive";

/** Entries that make someone who has done nothing here yet a late joiner (the opening and its routing don't count). */
export const LATE_AFTER_ENTRIES = 5;

export function isLateJoiner(state: IncidentState, viewerId: string): boolean {
  return !state.participants.some((p) => p.id === viewerId) && state.lastSeq >= LATE_AFTER_ENTRIES;
}

/**
 * The catch-up summary (GET /api/incidents/{id}/catch-up): open at once for someone who joins
 * late, one click away for everyone else. Made from the log and the kept evidence, no model.
 */
export function CatchUpPanel({ incidentId, state, viewerId }: { incidentId: string; state: IncidentState; viewerId: string }) {
  const late = isLateJoiner(state, viewerId);
  const [open, setOpen] = useState(late);
  const summary = useCatchUp(incidentId, state.lastSeq, open);
  const c = summary.data?.catchUp;
  return (
    <section aria-labelledby="catch-up-heading" className="mb-3 rounded-lg border border-accent/60 bg-surface px-4 py-3" data-testid="catch-up" data-open={open} data-late={late}>
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="catch-up-heading" className="text-sm font-semibold uppercase tracking-wide text-accent">Catch up</h2>
        {late ? <span className="text-xs text-muted">You joined after {state.lastSeq} entries: here is where it stands.</span> : null}
        <button type="button" className="ml-auto text-xs text-accent underline" aria-expanded={open} onClick={() => setOpen((v) => !v)} data-testid="catch-up-toggle">
          {open ? "Hide" : "Show the summary"}
        </button>
      </div>
      {open && summary.isPending ? <p className="mt-2 text-sm text-muted">Summarizing the log…</p> : null}
      {open && summary.error ? <p role="alert" className="mt-2 text-sm text-bad">The summary could not be made: {summary.error.message}</p> : null}
      {open && c ? (
        <div className="mt-2 grid gap-4 text-sm lg:grid-cols-2" data-testid="catch-up-summary">
          <div className="space-y-3">
            <p className="font-semibold" data-testid="catch-up-headline">{c.headline}</p>
            <div>
              <h3 className="text-xs font-semibold uppercase text-muted">Impact</h3>
              <p>{c.impact}</p>
            </div>
            <div data-testid="catch-up-severity">
              <h3 className="text-xs font-semibold uppercase text-muted">Severity</h3>
              <p>
                {c.severity.current ? `${c.severity.current}, set by ${c.severity.decidedBy ?? "?"}${c.severity.rationale ? `: ${c.severity.rationale}` : ""}` : "not set yet"}
                {c.severity.proposed ? ` — Ripcord proposes ${c.severity.proposed}${c.severity.differs ? " (differs!)" : ""}` : ""}
              </p>
              {c.severity.proposedReasons.length ? <ul className="list-disc pl-5 text-xs text-muted">{c.severity.proposedReasons.map((r) => <li key={r}>{r}</li>)}</ul> : null}
            </div>
            <div data-testid="catch-up-cause">
              <h3 className="text-xs font-semibold uppercase text-muted">Leading cause</h3>
              <p>{c.cause.leading ? `${c.cause.leading}${c.cause.confirmed ? " (confirmed)" : " (from the evidence, not confirmed)"}` : "none confirmed yet; the root-cause tree ranks them live"}</p>
              {c.cause.because.length ? <p className="text-xs text-muted">because: {c.cause.because.join("; ")}</p> : null}
              {c.cause.ruledOut.length ? <p className="text-xs text-muted">ruled out: {c.cause.ruledOut.join("; ")}</p> : null}
            </div>
            <div>
              <h3 className="text-xs font-semibold uppercase text-muted">Owners{c.owners.side ? ` (${c.owners.side} side)` : ""}</h3>
              <p className="text-xs">Impact: {c.owners.impact}</p>
              <p className="text-xs">Diagnosis: {c.owners.diagnosis}</p>
              <p className="text-xs">Action: {c.owners.action}</p>
            </div>
          </div>
          <div className="space-y-3">
            <div data-testid="catch-up-waiting">
              <h3 className="text-xs font-semibold uppercase text-muted">Waiting</h3>
              {c.waiting.length ? (
                <ul className="list-disc pl-5">{c.waiting.map((w) => <li key={w.what}><strong>{w.what}</strong> — on {w.who}</li>)}</ul>
              ) : (
                <p className="text-muted">nothing</p>
              )}
            </div>
            <div>
              <h3 className="text-xs font-semibold uppercase text-muted">Tried</h3>
              {c.tried.length ? <ul className="list-disc pl-5">{c.tried.map((t) => <li key={t}>{t}</li>)}</ul> : <p className="text-muted">nothing yet</p>}
            </div>
            {c.lastUpdate ? (
              <div>
                <h3 className="text-xs font-semibold uppercase text-muted">Last stakeholder update</h3>
                <p>{c.lastUpdate.text} <span className="text-xs text-muted">({c.lastUpdate.by}, <Time iso={c.lastUpdate.at} />)</span></p>
              </div>
            ) : null}
            <div data-testid="catch-up-moments">
              <h3 className="text-xs font-semibold uppercase text-muted">What happened when{c.omittedMoments ? ` (${c.omittedMoments} earlier moments left out)` : ""}</h3>
              <ol className="space-y-0.5">
                {c.moments.map((m) => (
                  <li key={m.seq} className="text-xs"><Time iso={m.at} /> — {m.text}</li>
                ))}
              </ol>
            </div>
            {c.evidence.length ? (
              <div>
                <h3 className="text-xs font-semibold uppercase text-muted">Evidence kept</h3>
                <ul className="space-y-0.5 text-xs">{c.evidence.map((ev) => <li key={`${ev.moment}${ev.takenAt}`}>{ev.moment} (<Time iso={ev.takenAt} />): {ev.summary}</li>)}</ul>
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
