"use client";
import { useState } from "react";
import { useUpdateItem, type ChecklistRow } from "@/lib/client/hooks/use-mitigation";
import type { ItemAction, ItemState } from "@/lib/domain/mitigation/types";
import { BlastPill, buttonClass, inputClass, Pill, PRE_ICON, PRE_TONE, type Tone } from "./bits";

const STATE_TONE: Record<ItemState, Tone> = { open: "muted", assigned: "accent", started: "accent", done: "ok", skipped: "muted", blocked: "bad" };
const SECTION_TITLE = { control: "Controls that stop the damage", cause: "Mitigations for the causes", runbook: "Restart / replay runbook" } as const;

function ItemRow({ incidentId, item, canEdit, me, onAct }: { incidentId: string; item: ChecklistRow; canEdit: boolean; me: { id: string; name: string } | null; onAct: (id: string) => void }) {
  const update = useUpdateItem(incidentId);
  const [reasonFor, setReasonFor] = useState<"skip" | "block" | null>(null);
  const [reason, setReason] = useState("");
  const act = (action: ItemAction, extra: { reason?: string } = {}) =>
    update.mutate({ itemId: item.id, action, expectedVersion: item.status.version, ...(action === "assign" && me ? { assigneeId: me.id, assigneeName: me.name } : {}), ...extra }, { onSuccess: () => { setReasonFor(null); setReason(""); } });
  const s = item.status;
  return (
    <li data-testid={`item-${item.id}`} className="rounded-lg border border-border bg-surface p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-semibold text-fg">{item.title}</h4>
        <Pill tone={STATE_TONE[s.state]} testId={`item-state-${item.id}`}>{s.state}{s.assigneeName ? ` · ${s.assigneeName}` : ""}</Pill>
        <BlastPill level={item.blastRadius.level} why={item.blastRadius.why} />
        {item.verdict === "stop" ? <Pill tone="bad">stop and escalate</Pill> : null}
        {item.needsHumanConfirmation ? <Pill tone="warn">human confirmation</Pill> : null}
      </div>
      <p className="mt-1 text-xs text-muted">{item.why} · {item.blastRadius.why}</p>
      {s.reason ? <p className="mt-1 text-xs text-fg"><span className="font-semibold">{s.state === "blocked" ? "Blocked:" : "Skipped:"}</span> {s.reason}</p> : null}
      {item.warnings.map((w) => (
        <p key={w} role="note" className="mt-1 rounded border border-warn px-2 py-1 text-xs text-warn">Wrong approach warning: {w}</p>
      ))}
      {item.preconditions.length ? (
        <ul className="mt-2 space-y-1" aria-label="Preconditions">
          {item.preconditions.map((p) => (
            <li key={p.id} className="flex gap-2 text-xs">
              <span aria-hidden className={`w-4 shrink-0 text-center font-bold ${PRE_TONE[p.status] === "ok" ? "text-ok" : PRE_TONE[p.status] === "warn" ? "text-warn" : PRE_TONE[p.status] === "bad" ? "text-bad" : "text-muted"}`}>{PRE_ICON[p.status]}</span>
              <span>
                <span className="font-semibold text-fg">{p.label}</span> <span className="sr-only">({p.status})</span>
                <span className="text-muted"> — {p.current}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {item.stopConditions.length ? <p className="mt-1 text-xs text-muted"><span className="font-semibold">Stop if:</span> {item.stopConditions.join("; ")}</p> : null}
      {canEdit ? (
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          {s.state === "open" ? <button type="button" className={buttonClass()} onClick={() => act("assign")} disabled={update.isPending}>Assign to me</button> : null}
          {s.state === "open" || s.state === "assigned" || s.state === "blocked" ? <button type="button" className={buttonClass()} onClick={() => act("start")} disabled={update.isPending}>Start</button> : null}
          {s.state !== "done" && s.state !== "skipped" ? <button type="button" className={buttonClass()} onClick={() => act("done")} disabled={update.isPending}>Done</button> : null}
          {s.state !== "done" && s.state !== "skipped" ? <button type="button" className={buttonClass()} onClick={() => setReasonFor("skip")}>Skip…</button> : null}
          {s.state !== "done" && s.state !== "skipped" && s.state !== "blocked" ? <button type="button" className={buttonClass()} onClick={() => setReasonFor("block")}>Block…</button> : null}
          {s.state !== "open" ? <button type="button" className={buttonClass()} onClick={() => act("reopen")} disabled={update.isPending}>Reopen</button> : null}
          {item.action ? <button type="button" className={buttonClass("primary")} onClick={() => onAct(item.id)}>Plan guarded action…</button> : null}
        </div>
      ) : null}
      {reasonFor ? (
        <form className="mt-2 flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) act(reasonFor, { reason: reason.trim() }); }}>
          <label className="text-xs text-muted" htmlFor={`reason-${item.id}`}>{reasonFor === "skip" ? "Why skip it?" : "What blocks it?"}</label>
          <input id={`reason-${item.id}`} autoFocus className={`${inputClass} min-w-64 flex-1`} value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setReasonFor(null)} required />
          <button type="submit" className={buttonClass("primary")} disabled={!reason.trim() || update.isPending}>{reasonFor === "skip" ? "Skip" : "Block"}</button>
          <button type="button" className={buttonClass()} onClick={() => setReasonFor(null)}>Cancel</button>
        </form>
      ) : null}
      {update.isError ? <p role="alert" className="mt-1 text-xs text-bad">{update.error.message}</p> : null}
    </li>
  );
}

export function Checklist({ incidentId, items, canEdit, me, onAct }: { incidentId: string; items: ChecklistRow[]; canEdit: boolean; me: { id: string; name: string } | null; onAct: (itemId: string) => void }) {
  const sections = (["control", "cause", "runbook"] as const).map((s) => [s, items.filter((i) => i.section === s)] as const).filter(([, list]) => list.length);
  return (
    <div className="space-y-4">
      {sections.map(([section, list]) => (
        <section key={section} aria-label={SECTION_TITLE[section]}>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted">{SECTION_TITLE[section]}</h3>
          <ol className="space-y-2">
            {list.map((item) => <ItemRow key={item.id} incidentId={incidentId} item={item} canEdit={canEdit} me={me} onAct={onAct} />)}
          </ol>
        </section>
      ))}
    </div>
  );
}
