"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Time } from "@/components/timeline/time";
import { useDismissProposal, useFreshnessProposals, useOpenProposal } from "@/lib/client/hooks/use-freshness-proposals";
import { groupPath } from "@/lib/client/cluster-paths";
import type { FreshnessProposalView } from "@/lib/schemas/freshness";

/**
 * Breaches the freshness watch found on streams whose catalog entry asks for a person to decide
 * (onBreach: propose): above the incident list, each with the rules it tripped, to open as an
 * incident or dismiss with a reason. Nothing is shown while there are none.
 */
export function FreshnessProposals({ canDecide }: { canDecide: boolean }) {
  const { data, error } = useFreshnessProposals();
  const proposals = data?.proposals ?? [];
  if (error && !data) return <p className="mb-4 text-sm text-bad" data-testid="proposals-error">Freshness proposals unavailable: {error.message}</p>;
  if (proposals.length === 0) return null;
  return (
    <section aria-labelledby="proposals-title" className="mb-6" data-testid="freshness-proposals">
      <h2 id="proposals-title" className="mb-2 text-sm font-semibold uppercase tracking-wide text-warn">
        Proposed by the freshness watch ({proposals.length})
      </h2>
      <ul className="divide-y divide-border overflow-hidden rounded-lg border border-warn bg-surface">
        {proposals.map((p) => (
          <Proposal key={p.id} proposal={p} canDecide={canDecide} />
        ))}
      </ul>
    </section>
  );
}

function Proposal({ proposal: p, canDecide }: { proposal: FreshnessProposalView; canDecide: boolean }) {
  const router = useRouter();
  const open = useOpenProposal();
  const dismiss = useDismissProposal();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState("");
  const failure = open.error?.message ?? dismiss.error?.message ?? null;
  return (
    <li className="p-3" data-testid="freshness-proposal" data-group={p.group}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-semibold">
          <Link href={groupPath(p.cluster, p.group)} className="text-accent hover:underline">
            {p.group}
          </Link>{" "}
          <span className="font-normal text-muted">
            · {p.service} · {p.tier} · {p.cluster}
          </span>
        </p>
        <p className="text-sm text-muted">
          breach since <Time iso={p.breachStartedAt} /> · seen <Time iso={p.detectedAt} withDate={false} />
        </p>
      </div>
      <ul className="mt-1 list-disc pl-5 text-sm">
        {p.rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {canDecide ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <button
            type="button"
            data-testid="proposal-open"
            disabled={open.isPending || dismiss.isPending}
            onClick={() => open.mutate(p.id, { onSuccess: (r) => router.push(`/incidents/${r.incidentId}`) })}
            className="rounded-md bg-bad px-3 py-1.5 text-sm font-semibold text-bg disabled:opacity-50"
          >
            {open.isPending ? "Opening…" : "Open incident"}
          </button>
          {dismissing ? (
            <form
              className="flex flex-wrap items-center gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                dismiss.mutate({ id: p.id, body: { reason } });
              }}
            >
              <label className="text-sm">
                <span className="sr-only">Why this is not an incident</span>
                <input
                  data-testid="proposal-reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder="Why it is not an incident"
                  className="w-72 rounded-md border border-border bg-surface px-2 py-1.5 text-sm"
                  autoFocus
                />
              </label>
              <button type="submit" data-testid="proposal-dismiss" disabled={!reason.trim() || dismiss.isPending} className="rounded-md border border-border px-3 py-1.5 text-sm disabled:opacity-50">
                Dismiss
              </button>
            </form>
          ) : (
            <button type="button" data-testid="proposal-not-incident" onClick={() => setDismissing(true)} className="rounded-md border border-border px-3 py-1.5 text-sm">
              Not an incident…
            </button>
          )}
        </div>
      ) : (
        <p className="mt-2 text-sm text-muted">A commander opens or dismisses it.</p>
      )}
      {failure ? (
        <p role="alert" className="mt-1 text-sm text-bad">
          {failure}
        </p>
      ) : null}
    </li>
  );
}
