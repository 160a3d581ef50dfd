"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Time } from "@/components/timeline/time";
import { useActions, useActionsLive, useMe } from "@/lib/client/hooks/use-mitigation";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { waitingDecisions } from "@/lib/domain/mitigation/waiting-decisions";
import { updateSchedule } from "@/lib/domain/notifications/updates";
import { useNow } from "@/components/cluster/use-now";

/**
 * Anything on this incident waiting for someone — a second person for a guarded action's or a
 * rollback's approval, the commander for a stakeholder update past the time promised — shown to everyone on the incident above the tabs: an approval must not
 * depend on someone having the Mitigation tab open. Live through the log (useActionsLive).
 */
export function WaitingBanner({ incidentId, entries }: { incidentId: string; entries: readonly IncidentEntry[] }) {
  useActionsLive(incidentId, entries);
  const actions = useActions(incidentId);
  const me = useMe().data?.principal ?? null;
  const params = useSearchParams();
  const pathname = usePathname();
  const now = useNow(15_000);
  const waiting = waitingDecisions(actions.data?.actions ?? [], me?.id ?? null);
  const updates = updateSchedule(entries, now);
  const updateOverdue = updates.overdue && updates.dueAt !== null && updates.latest !== null;
  if (!waiting.length && !updateOverdue) return null;
  const mitigationTab = () => {
    const next = new URLSearchParams(params);
    next.set("tab", "mitigation");
    return `${pathname}?${next.toString()}`;
  };
  return (
    <section role="status" aria-live="polite" aria-label="Waiting for a decision" data-testid="waiting-banner" className="mb-4 rounded-lg border border-warn bg-surface p-3 text-sm">
      <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-warn">Waiting ({waiting.length + (updateOverdue ? 1 : 0)})</h2>
      <ul className="grid gap-1">
        {updateOverdue ? (
          <li data-testid="waiting-update" className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <strong>Stakeholder update overdue:</strong>{" "}
            <span className="text-xs text-muted">the next one was promised for <Time iso={updates.dueAt!} withDate={false} /> (last by {updates.latest!.by} at <Time iso={updates.latest!.at} withDate={false} />)</span>
          </li>
        ) : null}
        {waiting.map((w) => (
          <li key={`${w.actionId}-${w.what}`} data-testid="waiting-item" data-action={w.actionId} className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <strong>{w.what === "approval" ? "Approval" : "Rollback approval"}:</strong>{" "}
            <span className="min-w-0 break-words">{w.title}</span>{" "}
            <span className="text-xs text-muted">asked by {w.requestedBy} at <Time iso={w.since} withDate={false} />{w.mine ? " — you asked, someone else must decide" : ""}</span>{" "}
            <Link href={mitigationTab()} scroll={false} className="ml-auto text-xs font-semibold text-accent underline" data-testid="waiting-open">
              {w.mine ? "See it" : "Review and decide"}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
