"use client";
import Link from "next/link";
import { useState } from "react";
import { useReview, useReviewMutations } from "@/lib/client/hooks/use-review";
import { roleAtLeast, type Role } from "@/lib/domain/auth/roles";
import { REVIEW_STATE_LABELS, REVIEW_TRANSITIONS, type ReviewState } from "@/lib/domain/review/types";
import type { ReviewView } from "@/lib/server/reviews/get-review";
import { ActionItemsPanel } from "./action-items-panel";
import { MeasuredSections, Section, WrittenSections } from "./review-document";
import { ReviewEditor } from "./review-editor";
import styles from "./review.module.css";

const STATE_TONE: Record<ReviewState, string> = { draft: "border-border text-muted", "in-review": "border-warn text-warn", published: "border-ok text-ok" };
const TRANSITION_LABEL: Record<ReviewState, string> = { draft: "Back to draft", "in-review": "Send for review", published: "Publish" };
const linkButton = "rounded border border-border bg-surface px-3 py-1.5 text-sm font-semibold hover:bg-surface-2";

function PinManager({ view, mutations }: { view: ReviewView; mutations: ReturnType<typeof useReviewMutations> }) {
  const [open, setOpen] = useState(false);
  if (view.pinnable.length === 0) return null;
  return (
    <div className="mt-3 no-print">
      <button type="button" className="text-sm font-semibold text-accent" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "Hide log entries" : `Pin log entries into the timeline (${view.pinnable.filter((p) => p.pinned).length} pinned)`}
      </button>
      {open ? (
        <ul className="mt-2 max-h-72 space-y-1 overflow-y-auto text-sm" data-testid="pin-list">
          {view.pinnable.map((p) => (
            <li key={p.id}>
              <label className="flex items-start gap-2">
                <input type="checkbox" checked={p.pinned} disabled={mutations.pin.isPending} onChange={(e) => mutations.pin.mutate({ entryId: p.id, pinned: e.target.checked })} />
                <span><span className="font-mono text-xs text-muted">{p.at.slice(11, 16)}</span> {p.text}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The post-incident review: editor for commanders while draft / in review, read-only for everyone else and once published. */
export function ReviewPage({ incidentId, initial, role }: { incidentId: string; initial: ReviewView; role: Role }) {
  const { data } = useReview(incidentId, initial);
  const mutations = useReviewMutations(incidentId);
  const [now] = useState(() => Date.now());
  const view = data ?? initial;
  const doc = view.document;
  const state = view.review.state;
  const commander = roleAtLeast(role, "commander");
  const editable = commander && state !== "published";
  return (
    <article className={`${styles.root} mx-auto max-w-6xl space-y-4`} data-testid="review-page" data-state={state}>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-muted no-print">
            <Link href={`/incidents/${incidentId}`} className="text-accent hover:underline">← Incident</Link>
          </p>
          <h1 className="text-2xl font-bold tracking-tight">Post-incident review: {doc.incident.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
            <span data-testid="review-state" className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${STATE_TONE[state]}`}>{REVIEW_STATE_LABELS[state]}</span>
            {doc.incident.severity ? <span className="font-semibold">{doc.incident.severity}</span> : null}
            {doc.incident.drill ? <span className="rounded-full border border-border px-2 text-xs">Drill</span> : null}
            <span>Commander {doc.incident.commander ?? "—"}</span>
            {view.review.publishedAt ? <span>· published {view.review.publishedAt.slice(0, 10)} by {view.review.publishedBy}</span> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2 no-print" data-testid="review-actions">
          <a className={linkButton} href={`/api/incidents/${incidentId}/review.md`} download data-testid="download-markdown">Download Markdown</a>
          <a className={linkButton} href={`/api/incidents/${incidentId}/export.json`} download data-testid="export-json">Export JSON</a>
          <button type="button" className={linkButton} onClick={() => window.print()} data-testid="print-review">Print</button>
        </div>
      </header>

      {commander && state !== "published" ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border border-border bg-surface-2 px-4 py-2 text-sm no-print" data-testid="review-state-controls">
          <span className="text-muted">Review is {REVIEW_STATE_LABELS[state].toLowerCase()}.</span>
          {REVIEW_TRANSITIONS[state].map((to) => (
            <button
              key={to}
              type="button"
              data-testid={`review-to-${to}`}
              className={`rounded px-3 py-1 font-semibold ${to === "published" ? "bg-ok text-white dark:text-black" : "border border-border bg-surface"}`}
              disabled={mutations.changeState.isPending}
              onClick={() => {
                if (to === "published" && !window.confirm("Publish the review? It becomes read-only.")) return;
                mutations.changeState.mutate({ version: view.review.version, to });
              }}
            >
              {TRANSITION_LABEL[to]}
            </button>
          ))}
          {mutations.changeState.error ? <span role="alert" className="text-bad">{mutations.changeState.error.message}</span> : null}
        </div>
      ) : null}

      {editable ? null : (
        <Section title="Summary" testId="review-summary">
          {doc.content.summary.trim() ? <p className="whitespace-pre-wrap text-sm leading-relaxed">{doc.content.summary}</p> : <p className="text-sm italic text-muted">Not written yet.</p>}
          {doc.content.impactNotes.trim() ? <p className="mt-2 whitespace-pre-wrap text-sm text-muted">{doc.content.impactNotes}</p> : null}
        </Section>
      )}

      <MeasuredSections doc={doc} timelineExtra={editable ? <PinManager view={view} mutations={mutations} /> : null} />

      {editable ? <ReviewEditor key={view.review.version} initial={view.review.content} version={view.review.version} names={view.names} mutations={mutations} /> : <WrittenSections doc={doc} />}

      <Section title="Action items" testId="review-action-items">
        <ActionItemsPanel doc={doc} now={now} canEditItems={editable} canTrack={commander} mutations={mutations} />
      </Section>
    </article>
  );
}
