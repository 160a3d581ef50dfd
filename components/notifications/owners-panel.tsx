"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Time } from "@/components/timeline/time";
import type { SuggestedOwner } from "@/lib/domain/catalog/match";
import { OWNER_ROLE_LABELS, OWNER_ROLES, type OwnerRole } from "@/lib/domain/catalog/types";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { deriveRouting } from "@/lib/domain/routing/derive";
import { ROUTING_SIDE_LABELS } from "@/lib/domain/routing/types";

const ROLE_HINT: Record<OwnerRole, string> = {
  impact: "feels the stale data",
  diagnosis: "finds the cause",
  action: "may act, and owns the rollback",
};

function OwnerList({ owners }: { owners: SuggestedOwner[] }) {
  if (owners.length === 0) return <p className="text-sm text-warn">nobody known</p>;
  return (
    <ul className="space-y-1">
      {owners.map((o) => (
        <li key={`${o.name}|${o.contact}`} data-testid="owner">
          <span className="font-semibold">{o.name}</span> <span className="font-mono text-xs text-muted">{o.contact}</span>
          <div className="text-xs text-muted">{o.service !== o.name ? `${o.service} · ` : ""}via {o.via}</div>
        </li>
      ))}
    </ul>
  );
}

/**
 * Seed 004's three owners of this incident, with contacts and runbooks, and how the routing got
 * here (at open, then each time the diagnosis moved to another side). From the log alone.
 */
export function OwnersPanel({ entries }: { entries: IncidentEntry[] }) {
  const routing = useMemo(() => deriveRouting(entries), [entries]);
  const [showHistory, setShowHistory] = useState(false);
  if (!routing) {
    return (
      <section aria-label="Owners" className="mb-3 rounded-lg border border-dashed border-border bg-surface px-4 py-3 text-sm text-muted" data-testid="owners-panel" data-state="pending">
        Routing the incident to its owners…
      </section>
    );
  }
  const byRole: Record<OwnerRole, SuggestedOwner[]> = { impact: routing.impact, diagnosis: routing.diagnosis, action: routing.action };
  return (
    <section aria-labelledby="owners-heading" className="mb-3 rounded-lg border border-border bg-surface px-4 py-3" data-testid="owners-panel" data-side={routing.side}>
      <div className="mb-2 flex flex-wrap items-baseline gap-2">
        <h2 id="owners-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">Owners</h2>
        <span className="text-xs text-muted">diagnosis and action on the {ROUTING_SIDE_LABELS[routing.side]} side</span>
        <button type="button" className="ml-auto text-xs text-accent underline" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)} data-testid="routing-history-toggle">
          Routing history ({routing.history.length})
        </button>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        {OWNER_ROLES.map((role) => (
          <div key={role} data-testid={`owners-${role}`}>
            <p className="text-xs font-semibold uppercase tracking-wide">{OWNER_ROLE_LABELS[role]} <span className="font-normal normal-case text-muted">— {ROLE_HINT[role]}</span></p>
            <OwnerList owners={byRole[role]} />
          </div>
        ))}
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {routing.runbooks.map((r) => (
          <a key={r.url} href={r.url} target="_blank" rel="noopener noreferrer" className="text-accent underline" data-testid="runbook-link">Runbook: {r.service}</a>
        ))}
        {routing.runbooks.length === 0 ? <span className="text-muted">No runbook in the catalog for this scope.</span> : null}
        {routing.warnings.map((w) => (
          <span key={w} className="text-warn">{w} — <Link href="/settings/catalog" className="underline">Settings</Link></span>
        ))}
        {routing.unmatched.length ? <span className="text-warn">Not in the catalog: {routing.unmatched.map((u) => `${u.kind} ${u.name}`).join(", ")}</span> : null}
      </div>
      {showHistory ? (
        <ol className="mt-3 space-y-2 border-t border-border pt-2 text-sm" data-testid="routing-history">
          {routing.history.map((h) => (
            <li key={h.seq} data-testid="routing-history-item" data-kind={h.kind} data-side={h.side}>
              <span className="mr-2 font-mono text-xs text-muted">#{h.seq}</span>
              <Time iso={h.at} /> — {h.summary}
              {h.cause?.reasons.length ? <div className="ml-6 text-xs text-muted">because: {h.cause.reasons.join("; ")}</div> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
