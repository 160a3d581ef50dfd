"use client";
import { useState } from "react";
import type { useReviewMutations } from "@/lib/client/hooks/use-review";
import type { ReviewDocument } from "@/lib/domain/review/document";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, ACTION_TYPES, ACTION_TYPE_LABELS, PREVENTIVE_CONTROLS, type ActionType } from "@/lib/domain/review/types";
import { ActionItemsTable } from "./review-document";

const input = "rounded border border-border bg-bg px-2 py-1.5 text-sm";

/**
 * Action items: read-only table for everyone; commanders add items (seed 000's preventive
 * controls as starting points) while the review is editable and track status afterwards.
 */
export function ActionItemsPanel({ doc, now, canEditItems, canTrack, mutations }: { doc: ReviewDocument; now: number; canEditItems: boolean; canTrack: boolean; mutations: ReturnType<typeof useReviewMutations> }) {
  const [title, setTitle] = useState("");
  const [type, setType] = useState<ActionType>("prevent");
  const [owner, setOwner] = useState("");
  const [due, setDue] = useState("");
  const [control, setControl] = useState<string | null>(null);
  const start = (id: string) => {
    const c = PREVENTIVE_CONTROLS.find((x) => x.id === id);
    if (!c) return;
    setTitle(c.title);
    setType(c.type);
    setControl(c.id);
  };
  const suggested = PREVENTIVE_CONTROLS.filter((c) => doc.content.controlLoops.length === 0 || c.loops.some((l) => (doc.content.controlLoops as readonly string[]).includes(l)));
  return (
    <div>
      <ActionItemsTable
        doc={doc}
        now={now}
        actions={
          canTrack
            ? (id) => {
                const a = doc.actionItems.find((x) => x.id === id);
                if (!a) return null;
                return (
                  <div className="flex gap-1">
                    <select aria-label={`Status of ${a.title}`} className={input} value={a.status} onChange={(e) => mutations.updateItem.mutate({ id, version: a.version, status: e.target.value as (typeof ACTION_STATUSES)[number] })}>
                      {ACTION_STATUSES.map((s) => <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>)}
                    </select>
                    {canEditItems ? (
                      <button type="button" className="rounded border border-border px-2 text-xs" onClick={() => mutations.deleteItem.mutate({ id, version: a.version })} aria-label={`Remove ${a.title}`}>Remove</button>
                    ) : null}
                  </div>
                );
              }
            : undefined
        }
      />
      {canEditItems ? (
        <form
          data-testid="action-item-form"
          className="mt-4 space-y-2 no-print"
          onSubmit={(e) => {
            e.preventDefault();
            mutations.addItem.mutate({ title, type, owner, dueDate: due || null, control }, { onSuccess: () => { setTitle(""); setOwner(""); setDue(""); setControl(null); } });
          }}
        >
          <p className="text-xs text-muted">Starting points (seed 000 preventive controls):</p>
          <div className="flex flex-wrap gap-1">
            {(suggested.length ? suggested : PREVENTIVE_CONTROLS).map((c) => (
              <button key={c.id} type="button" title={c.description} onClick={() => start(c.id)} className="rounded-full border border-border px-2 py-0.5 text-xs hover:bg-surface-2">
                {c.title} · {ACTION_TYPE_LABELS[c.type]}
              </button>
            ))}
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <label className="flex min-w-64 flex-1 flex-col text-xs">Action<input className={input} value={title} onChange={(e) => setTitle(e.target.value)} required minLength={3} /></label>
            <label className="flex flex-col text-xs">Type<select className={input} value={type} onChange={(e) => setType(e.target.value as ActionType)}>{ACTION_TYPES.map((t) => <option key={t} value={t}>{ACTION_TYPE_LABELS[t]}</option>)}</select></label>
            <label className="flex flex-col text-xs">Owner<input className={input} value={owner} onChange={(e) => setOwner(e.target.value)} required /></label>
            <label className="flex flex-col text-xs">Due<input type="date" className={input} value={due} onChange={(e) => setDue(e.target.value)} /></label>
            <button type="submit" className="rounded border border-border px-3 py-1.5 text-sm font-semibold hover:bg-surface-2" disabled={mutations.addItem.isPending}>Add action item</button>
          </div>
          {mutations.addItem.error ? <p role="alert" className="text-sm text-bad">{mutations.addItem.error.message}</p> : null}
        </form>
      ) : null}
    </div>
  );
}
