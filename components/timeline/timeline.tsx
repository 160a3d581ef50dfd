"use client";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { AnnotationComposer } from "./annotation-composer";
import { EntryItem, entryLabel } from "./entry-item";
import { TimeZoneToggle } from "./time";

const sel = "rounded-md border border-border bg-surface px-2 py-1 text-sm";

/** Up to this many entries the whole list is in the page; above it only what is on screen (and a margin) is. */
export const VIRTUALIZE_ABOVE = 100;

/**
 * Entries matching the filters, newest first or chronological. Grows with the log in time
 * proportional to what was appended (the stream adds one entry at a time), not to the log.
 */
function useShownEntries(entries: readonly IncidentEntry[], kind: string, author: string, newestFirst: boolean): { count: number; at: (i: number) => IncidentEntry } {
  const cache = useRef<{ key: string; source: readonly IncidentEntry[]; scanned: number; matches: IncidentEntry[] } | null>(null);
  const key = `${kind}\u0000${author}`;
  let c = cache.current;
  // a new filter, or a log that was replaced rather than appended to (refetch): start over
  if (!c || c.key !== key || c.scanned > entries.length || (c.scanned > 0 && entries[c.scanned - 1] !== c.source[c.scanned - 1])) {
    c = cache.current = { key, source: entries, scanned: 0, matches: [] };
  }
  if (c.scanned < entries.length) {
    const all = !kind && !author;
    for (let i = c.scanned; i < entries.length; i++) {
      const e = entries[i]!;
      if (all || ((!kind || entryLabel(e) === kind) && (!author || e.author.name === author))) c.matches.push(e);
    }
    c.scanned = entries.length;
    c.source = entries;
  }
  const matches = c.matches;
  const count = matches.length;
  return { count, at: (i) => matches[newestFirst ? count - 1 - i : i]! };
}

/** The evidence timeline: filter by kind and author, chronological or newest first; virtualized when long. */
export function Timeline({ incidentId, entries, corrections, canPost }: { incidentId: string; entries: IncidentEntry[]; corrections: Record<string, number[]>; canPost: boolean }) {
  const [kind, setKind] = useState("");
  const [author, setAuthor] = useState("");
  const [newestFirst, setNewestFirst] = useState(true);
  const [correcting, setCorrecting] = useState<{ id: string; seq: number } | null>(null);
  const kinds = useMemo(() => [...new Set(entries.map(entryLabel))].sort(), [entries]);
  const authors = useMemo(() => [...new Set(entries.map((e) => e.author.name))].sort(), [entries]);
  const shown = useShownEntries(entries, kind, author, newestFirst);
  const onCorrect = canPost ? (x: IncidentEntry) => setCorrecting({ id: x.id, seq: x.seq }) : undefined;

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
        <span className="text-xs text-muted" data-testid="timeline-count">{shown.count === entries.length ? `${entries.length} entries` : `${shown.count} of ${entries.length} entries`}</span>
        <span className="ml-auto"><TimeZoneToggle /></span>
      </div>
      {shown.count === 0 ? (
        <p className="text-sm text-muted">No entry matches these filters.</p>
      ) : shown.count <= VIRTUALIZE_ABOVE ? (
        <ol data-testid="timeline" className="grid gap-1.5">
          {Array.from({ length: shown.count }, (_, i) => shown.at(i)).map((e) => (
            <EntryItem key={e.id} entry={e} correctedBy={corrections[e.id] ?? []} onCorrect={onCorrect} />
          ))}
        </ol>
      ) : (
        <VirtualTimeline shown={shown} corrections={corrections} onCorrect={onCorrect} />
      )}
    </section>
  );
}

/**
 * A long log: the page scrolls as usual, but only the entries near the viewport are in the
 * DOM (entry heights vary: each is measured once drawn). Keyed by entry id, so a new entry on
 * top shifts the others without redrawing them.
 */
function VirtualTimeline({ shown, corrections, onCorrect }: { shown: { count: number; at: (i: number) => IncidentEntry }; corrections: Record<string, number[]>; onCorrect?: (entry: IncidentEntry) => void }) {
  const listRef = useRef<HTMLOListElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el) setOffset(el.getBoundingClientRect().top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: shown.count,
    estimateSize: () => 76,
    overscan: 10,
    scrollMargin: offset,
    getItemKey: (i) => shown.at(i).id,
    gap: 6,
  });
  const items = virtualizer.getVirtualItems();
  return (
    <ol ref={listRef} data-testid="timeline" data-virtualized="true" aria-rowcount={shown.count} className="relative" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const e = shown.at(item.index);
        return (
          <EntryItem
            key={item.key}
            entry={e}
            correctedBy={corrections[e.id] ?? []}
            onCorrect={onCorrect}
            placement={{ index: item.index, top: item.start - virtualizer.options.scrollMargin, measure: virtualizer.measureElement }}
          />
        );
      })}
    </ol>
  );
}
