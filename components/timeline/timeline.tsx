"use client";
import { useMemo, useState } from "react";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { AnnotationComposer } from "./annotation-composer";
import { EntryItem, entryLabel } from "./entry-item";
import { TimeZoneToggle } from "./time";

const sel = "rounded-md border border-border bg-surface px-2 py-1 text-sm";

/** The evidence timeline: filter by kind and author, chronological or newest first. */
export function Timeline({ incidentId, entries, corrections, canPost }: { incidentId: string; entries: IncidentEntry[]; corrections: Record<string, number[]>; canPost: boolean }) {
  const [kind, setKind] = useState("");
  const [author, setAuthor] = useState("");
  const [newestFirst, setNewestFirst] = useState(true);
  const [correcting, setCorrecting] = useState<{ id: string; seq: number } | null>(null);
  const kinds = useMemo(() => [...new Set(entries.map(entryLabel))].sort(), [entries]);
  const authors = useMemo(() => [...new Set(entries.map((e) => e.author.name))].sort(), [entries]);
  const shown = useMemo(() => {
    const filtered = entries.filter((e) => (!kind || entryLabel(e) === kind) && (!author || e.author.name === author));
    return newestFirst ? [...filtered].reverse() : filtered;
  }, [entries, kind, author, newestFirst]);

  return (
    <section aria-label="Timeline" className="grid gap-3">
      {canPost ? (
        <AnnotationComposer incidentId={incidentId} correcting={correcting} onDoneCorrecting={() => setCorrecting(null)} />
      ) : (
        <p data-testid="read-only-note" className="rounded-md border border-dashed border-border px-3 py-2 text-sm text-muted">You are viewing this incident read-only.</p>
      )}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          Kind
          <select data-testid="filter-kind" value={kind} onChange={(e) => setKind(e.target.value)} className={sel}>
            <option value="">All</option>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Author
          <select data-testid="filter-author" value={author} onChange={(e) => setAuthor(e.target.value)} className={sel}>
            <option value="">Everyone</option>
            {authors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <button type="button" aria-pressed={newestFirst} onClick={() => setNewestFirst(!newestFirst)} className={`${sel} hover:bg-surface-2`}>
          {newestFirst ? "Newest first" : "Chronological"}
        </button>
        <span className="ml-auto"><TimeZoneToggle /></span>
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-muted">No entry matches these filters.</p>
      ) : (
        <ol data-testid="timeline" className="grid gap-1.5">
          {shown.map((e) => (
            <EntryItem key={e.id} entry={e} correctedBy={corrections[e.id] ?? []} onCorrect={canPost ? (x) => setCorrecting({ id: x.id, seq: x.seq }) : undefined} />
          ))}
        </ol>
      )}
    </section>
  );
}
