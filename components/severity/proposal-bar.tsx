"use client";
import { useState } from "react";
import { useDecideSeverity } from "@/lib/client/hooks/use-incidents";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import { SEVERITY_LEVELS, type SeverityLevel } from "@/lib/domain/incidents/types";
import { compareToAccepted } from "@/lib/domain/severity/propose";
import type { CurrentProposalView } from "@/lib/schemas/severity";
import { SeverityBadge } from "./severity-badge";

const label = (l: SeverityLevel) => l.replace("SEV", "SEV-");

/**
 * The incident header's severity line, the same for every participant and live (the proposal
 * comes with the log's stream): "proposed SEV-2 — accept / override" until the commander
 * decides, then drift when the evidence points elsewhere. Ripcord proposes; only a commander
 * decides, and every decision is a log entry with its rationale.
 */
export function ProposalBar({ incidentId, state, proposal, canDecide }: { incidentId: string; state: IncidentState; proposal: CurrentProposalView | null; canDecide: boolean }) {
  const decide = useDecideSeverity(incidentId);
  const [overriding, setOverriding] = useState(false);
  const [level, setLevel] = useState<SeverityLevel | "">("");
  const [rationale, setRationale] = useState("");
  const logged = state.latestProposal;
  // The log's newest proposal is what can be accepted; the stored one adds its fresh reasons.
  const proposed = logged?.payload.level ?? null;
  const reasons = (proposal && proposal.level === proposed ? proposal.reasons : logged?.payload.reasons) ?? [];
  if (state.status === "closed") return null;
  if (!proposed || !logged) {
    return (
      <p data-testid="proposal-pending" className="text-sm text-muted">
        No proposal yet: {proposal?.unknowns[0] ?? "waiting for the first evidence sample of the incident's scope"}
      </p>
    );
  }
  const drift = compareToAccepted({ level: proposed }, state.severity);
  const decided = state.severity !== null;
  if (decided && !drift.differs) {
    return (
      <p data-testid="proposal-agrees" className="text-sm text-muted">
        The evidence agrees with {label(proposed)}: {reasons[0]?.text ?? "no new reason"}
      </p>
    );
  }
  const accept = () =>
    decide.mutate({ decision: "accepted", level: proposed, rationale: "", proposalSeq: logged.seq, expectedVersion: state.itemVersions.severity ?? 0 });
  const override = () => {
    if (!level) return;
    decide.mutate(
      { decision: "overridden", level, rationale: rationale.trim(), proposalSeq: logged.seq, expectedVersion: state.itemVersions.severity ?? 0 },
      { onSuccess: () => setOverriding(false) },
    );
  };
  return (
    <div
      role="status"
      data-testid={decided ? "severity-drift" : "header-proposal"}
      className={`grid gap-2 rounded-md border px-3 py-2 text-sm ${decided ? "border-warn" : "border-accent"} bg-surface-2`}
    >
      <div className="flex flex-wrap items-center gap-2">
        {decided ? (
          <span>
            The evidence now points to <SeverityBadge level={proposed} testId="drift-level" /> ({drift.direction === "higher" ? "more" : "less"} severe than the decided {label(state.severity!)})
          </span>
        ) : (
          <span className="flex items-center gap-2">
            Proposed <SeverityBadge level={proposed} testId="header-proposed-level" />
            <span className="text-xs text-muted">by {logged.payload.auto ? "Ripcord from the evidence" : "the classifier on the commander's answers"}</span>
          </span>
        )}
        {canDecide ? (
          <span className="ml-auto flex gap-2">
            <button type="button" data-testid="header-accept" disabled={decide.isPending} onClick={accept} className="rounded-md bg-ok px-2.5 py-1 font-semibold text-bg disabled:opacity-50">
              Accept {label(proposed)}
            </button>
            <button type="button" data-testid="header-override" aria-expanded={overriding} onClick={() => setOverriding((o) => !o)} className="rounded-md border border-border px-2.5 py-1 font-semibold">
              {decided ? `Keep or set another level…` : "Override…"}
            </button>
          </span>
        ) : null}
      </div>
      <ul data-testid="header-proposal-reasons" className="list-disc pl-5 text-xs">
        {reasons.slice(0, 3).map((r, i) => (
          <li key={i}>{r.text}</li>
        ))}
      </ul>
      {overriding && canDecide ? (
        <div className="flex flex-wrap items-end gap-2" data-testid="header-override-form">
          <label className="grid gap-1 text-xs">
            Level
            <select aria-label="Override level" value={level} onChange={(e) => setLevel(e.target.value as SeverityLevel | "")} className="rounded-md border border-border bg-bg px-2 py-1 text-sm">
              <option value="">choose…</option>
              {SEVERITY_LEVELS.filter((l) => l !== proposed).map((l) => (
                <option key={l} value={l}>{label(l)}</option>
              ))}
            </select>
          </label>
          <label className="grid min-w-72 flex-1 gap-1 text-xs">
            Rationale (recorded in the log)
            <input value={rationale} onChange={(e) => setRationale(e.target.value)} className="rounded-md border border-border bg-bg px-2 py-1 text-sm" />
          </label>
          <button type="button" disabled={!level || rationale.trim().length < 3 || decide.isPending} onClick={override} className="rounded-md border border-border px-2.5 py-1 font-semibold disabled:opacity-50">
            Override
          </button>
        </div>
      ) : null}
      {decide.error ? <p role="alert" className="text-bad">{decide.error.message}</p> : null}
    </div>
  );
}
