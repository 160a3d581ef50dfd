"use client";
import { useState } from "react";
import { useActions, useChecklist, useMe, useMitigationLive } from "@/lib/client/hooks/use-mitigation";
import { roleAtLeast, type Role } from "@/lib/domain/auth/roles";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import type { ActionKind } from "@/lib/domain/mitigation/types";
import { buttonClass } from "./bits";
import { Checklist } from "./checklist";
import { ActionCard, RequestActionForm } from "./guarded-actions";
import { VerificationPanel } from "./verification-panel";

/**
 * The incident's Mitigation tab: guarded Kafka actions (request → dry run → second-person
 * approval → execute → read back → rollback), the checklist with live preconditions, and the
 * verification before resolve. Live: every log entry of these kinds refetches the views.
 */
export function MitigationPanel({ incidentId, entries, role, scope, closed }: { incidentId: string; entries: readonly IncidentEntry[]; role: Role; scope: { topics: string[]; groups: string[] }; closed: boolean }) {
  useMitigationLive(incidentId, entries);
  const me = useMe().data?.principal ?? null;
  const checklist = useChecklist(incidentId);
  const actions = useActions(incidentId);
  const [planning, setPlanning] = useState<ActionKind | null>(null);
  const canEdit = roleAtLeast(role, "responder") && !closed;
  const canRequest = roleAtLeast(role, "commander") && !closed;
  const onAct = (itemId: string) => {
    const kind = checklist.data?.items.find((i) => i.id === itemId)?.action;
    if (kind && canRequest) setPlanning(kind);
  };
  return (
    <div className="space-y-4" data-testid="mitigation-panel">
      <section aria-label="Guarded actions" className="space-y-2">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-sm font-semibold">Guarded Kafka actions</h3>
          {canRequest && !planning ? <button type="button" className={buttonClass("primary")} onClick={() => setPlanning("change-retention")} data-testid="plan-action">Plan a guarded action…</button> : null}
        </div>
        {planning ? <RequestActionForm key={planning} incidentId={incidentId} initialKind={planning} scope={scope} onDone={() => setPlanning(null)} /> : null}
        {actions.isError ? <p role="alert" className="text-xs text-bad">{actions.error.message}</p> : null}
        {actions.data?.actions.length ? actions.data.actions.map((a) => <ActionCard key={a.id} incidentId={incidentId} action={a} me={me} />) : <p className="text-xs text-muted">No guarded action yet. Offsets resets, retention changes and new partitions run here with a dry run and a second person&apos;s approval.</p>}
      </section>
      <VerificationPanel incidentId={incidentId} canRecord={canEdit} />
      <section aria-label="Mitigation checklist">
        <div className="mb-2 flex flex-wrap items-center gap-2">
          <h3 className="text-sm font-semibold">Mitigation checklist</h3>
          <span className="text-xs text-muted">
            {checklist.isLoading ? "reading live evidence…" : checklist.data?.evidenceTakenAt ? `preconditions on evidence from ${new Date(checklist.data.evidenceTakenAt).toLocaleTimeString()}` : "no live evidence"}
          </span>
          <button type="button" className={buttonClass()} onClick={() => void checklist.refetch()} disabled={checklist.isFetching}>Re-evaluate</button>
        </div>
        {checklist.data?.warnings.length ? <p className="mb-2 text-xs text-warn">{checklist.data.warnings.join("; ")}</p> : null}
        {checklist.isError ? <p role="alert" className="text-xs text-bad">{checklist.error.message}</p> : null}
        {checklist.data ? <Checklist incidentId={incidentId} items={checklist.data.items} canEdit={canEdit} me={me} onAct={onAct} /> : null}
      </section>
    </div>
  );
}
