"use client";
import { useState } from "react";
import { Time } from "@/components/timeline/time";
import { useDecideSeverity, useProposeSeverity, useSeverityEvaluation } from "@/lib/client/hooks/use-incidents";
import { QUESTIONS, QUESTION_IDS, type Answer, type Answers, type QuestionId } from "@/lib/domain/incidents/classifier";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import { SEVERITY_LEVELS, type SeverityLevel } from "@/lib/domain/incidents/types";
import { compareToAccepted } from "@/lib/domain/severity/propose";
import { SeverityBadge } from "./severity-badge";

const SOURCE_LABEL = { kafka: "from Kafka", commander: "commander", catalog: "ownership catalog", none: "ask the commander" } as const;

function AnswersTable({ answers }: { answers: Answers }) {
  return (
    <table className="w-full text-left text-sm">
      <tbody>
        {QUESTION_IDS.map((id) => {
          const a = answers[id];
          return (
            <tr key={id} className="border-t border-border align-top">
              <td className="py-1.5 pr-3">{QUESTIONS[id]}</td>
              <td className={`py-1.5 pr-3 font-semibold ${a.answer === "yes" ? "text-bad" : a.answer === "no" ? "text-ok" : "text-warn"}`}>{a.answer}</td>
              <td className="py-1.5 text-xs text-muted">
                <span className="font-semibold">{SOURCE_LABEL[a.source]}</span> · {a.evidence.join("; ")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Re-evaluates against live evidence and says when it points to another level than the one decided. */
export function SeverityDrift({ incidentId, state }: { incidentId: string; state: IncidentState }) {
  const enabled = state.severity !== null && state.status !== "closed" && state.status !== "review";
  const { data } = useSeverityEvaluation(incidentId, enabled);
  const drift = data ? compareToAccepted({ proposed: data.level }, state.severity) : null;
  if (!enabled || !data || !drift?.differs) return null;
  return (
    <div role="status" data-testid="severity-drift" className="rounded-md border border-warn bg-surface px-3 py-2 text-sm">
      The evidence now points to <SeverityBadge level={data.level} /> ({drift.direction === "higher" ? "more" : "less"} severe than the decided {state.severity}). {data.reasons[0]?.text}
    </div>
  );
}

export function ClassifierPanel({ incidentId, state, canDecide }: { incidentId: string; state: IncidentState; canDecide: boolean }) {
  const propose = useProposeSeverity(incidentId);
  const decide = useDecideSeverity(incidentId);
  const [slo, setSlo] = useState("");
  const [manual, setManual] = useState<Partial<Record<QuestionId, Answer>>>({});
  const [rationale, setRationale] = useState("");
  const [override, setOverride] = useState<SeverityLevel | "">("");
  const proposal = state.latestProposal;
  const proposalAnswers = proposal ? (proposal.payload.answers as Answers) : null;
  const decided = proposal ? state.severityHistory.some((h) => h.seq > proposal.seq) : false;
  const askable = QUESTION_IDS.filter((id) => !proposalAnswers || proposalAnswers[id].source !== "kafka");

  return (
    <section aria-label="Severity" className="grid gap-4" data-testid="classifier-panel">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        Current severity: <SeverityBadge level={state.severity} testId="current-severity" />
        {state.severityHistory.length ? <span className="text-xs text-muted">{state.severityHistory.length} decision(s) in the log</span> : null}
      </div>
      {canDecide ? (
        <div className="grid gap-3 rounded-lg border border-border bg-surface p-4">
          <h3 className="font-semibold">Guided classifier</h3>
          <p className="text-xs text-muted">Kafka answers what it can from two snapshots of the incident&apos;s groups and topics; answer the rest yourself.</p>
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <label className="grid gap-1">
              Freshness SLO (seconds)
              <input inputMode="numeric" value={slo} onChange={(e) => setSlo(e.target.value.replace(/\D/g, ""))} placeholder="unknown" className="w-32 rounded-md border border-border bg-bg px-2 py-1" />
            </label>
            {askable.map((id) => (
              <label key={id} className="grid max-w-xs gap-1">
                <span className="text-xs">{QUESTIONS[id]}</span>
                <select value={manual[id] ?? "unknown"} onChange={(e) => setManual({ ...manual, [id]: e.target.value as Answer })} className="rounded-md border border-border bg-bg px-2 py-1">
                  <option value="unknown">Don&apos;t know</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
              </label>
            ))}
            <button
              data-testid="run-classifier"
              type="button"
              disabled={propose.isPending}
              onClick={() => propose.mutate({ freshnessSloSeconds: slo ? Number(slo) : null, answers: manual })}
              className="rounded-md bg-accent px-3 py-1.5 font-semibold text-bg disabled:opacity-50"
            >
              {propose.isPending ? "Reading Kafka…" : "Propose severity"}
            </button>
          </div>
          {propose.error ? <p role="alert" className="text-sm text-bad">{propose.error.message}</p> : null}
        </div>
      ) : null}
      {proposal ? (
        <div className="grid gap-3 rounded-lg border border-border bg-surface p-4" data-testid="severity-proposal">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">Proposal</h3>
            <SeverityBadge level={proposal.payload.level} testId="proposed-severity" />
            <span className="text-xs text-muted">
              #{proposal.seq} · <Time iso={proposal.at} /> · evidence {proposal.payload.evidenceTakenAt ? <Time iso={proposal.payload.evidenceTakenAt} /> : "not available"}
            </span>
          </div>
          <ul className="list-disc pl-5 text-sm" data-testid="proposal-reasons">
            {proposal.payload.reasons.map((r, i) => (
              <li key={i}>{r.text} <span className="text-xs text-muted">({r.source})</span></li>
            ))}
          </ul>
          {proposalAnswers ? <AnswersTable answers={proposalAnswers} /> : null}
          {canDecide && !decided ? (
            <div className="grid gap-2 border-t border-border pt-3">
              <label className="grid gap-1 text-sm">
                Rationale <span className="text-xs text-muted">required to override; recorded in the log</span>
                <textarea data-testid="severity-rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} rows={2} className="rounded-md border border-border bg-bg px-2 py-1" />
              </label>
              <div className="flex flex-wrap items-center gap-2">
                <button
                  data-testid="accept-severity"
                  type="button"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ decision: "accepted", level: proposal.payload.level, rationale, proposalSeq: proposal.seq, expectedVersion: state.itemVersions.severity ?? 0 })}
                  className="rounded-md bg-ok px-3 py-1.5 text-sm font-semibold text-bg disabled:opacity-50"
                >
                  Accept {proposal.payload.level}
                </button>
                <select aria-label="Override level" value={override} onChange={(e) => setOverride(e.target.value as SeverityLevel | "")} className="rounded-md border border-border bg-bg px-2 py-1 text-sm">
                  <option value="">Override with…</option>
                  {SEVERITY_LEVELS.filter((l) => l !== proposal.payload.level).map((l) => <option key={l} value={l}>{l}</option>)}
                </select>
                <button
                  type="button"
                  disabled={!override || rationale.trim().length < 3 || decide.isPending}
                  onClick={() => override && decide.mutate({ decision: "overridden", level: override, rationale, proposalSeq: proposal.seq, expectedVersion: state.itemVersions.severity ?? 0 })}
                  className="rounded-md border border-border px-3 py-1.5 text-sm font-semibold disabled:opacity-50"
                >
                  Override
                </button>
              </div>
              {decide.error ? <p role="alert" className="text-sm text-bad">{decide.error.message}</p> : null}
            </div>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-muted">No proposal yet.</p>
      )}
      {state.severityHistory.length ? (
        <div className="rounded-lg border border-border bg-surface p-4">
          <h3 className="mb-2 font-semibold">History</h3>
          <ol className="grid gap-1 text-sm">
            {state.severityHistory.map((h) => (
              <li key={h.seq}>
                <SeverityBadge level={h.level} /> {h.decision} by {h.by.name} at <Time iso={h.at} />
                {h.rationale ? <> — <em>{h.rationale}</em></> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
