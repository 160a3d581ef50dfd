"use client";
import { blamelessHints } from "@/lib/domain/review/blameless";

/** Hints under a text field while writing: blaming phrases and a neutral alternative. */
export function BlamelessHints({ text, names }: { text: string; names: string[] }) {
  const hints = blamelessHints(text, names);
  if (hints.length === 0) return null;
  return (
    <ul data-testid="blameless-hints" className="mt-1 space-y-1 rounded border border-warn/40 bg-warn/10 px-3 py-2 text-xs no-print" aria-live="polite">
      {hints.map((h, i) => (
        <li key={`${h.start}-${i}`}>
          <span className="font-semibold text-warn">“{h.phrase}”</span> — {h.message} <span className="text-muted">{h.suggestion}</span>
        </li>
      ))}
    </ul>
  );
}
