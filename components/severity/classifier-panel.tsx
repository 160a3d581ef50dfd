"use client";
import { useState } from "react";
import { Time } from "@/components/timeline/time";
import { useProposeSeverity, useSeverityEvaluation } from "@/lib/client/hooks/use-incidents";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import { QUESTION_IDS, SEVERITY_QUESTIONS, type Answer, type QuestionId } from "@/lib/domain/severity/questions";
import type { CurrentProposalView, QuestionAnswerView, SeverityEvaluationView } from "@/lib/schemas/severity";
import { SeverityBadge } from "./severity-badge";

const SOURCE_LABEL = { kafka: "from Kafka", commander: "commander", catalog: "ownership catalog", none: "not known yet" } as const;

function AnswersTable({ answers }: { answers: Record<string, QuestionAnswerView> }) {
  return (
    <table className="w-full text-left text-sm" data-testid="severity-answers">
      <tbody>
        {QUESTION_IDS.map((id) => {
          const a = answers[id];
          if (!a) return null;
          return (
            <tr key={id} className="border-t border-border align-top" data-testid={`answer-${id}`}>
              <td className="py-1.5 pr-3">
                {SEVERITY_QUESTIONS[id].text} <span className="text-xs text-muted">(seed {SEVERITY_QUESTIONS[id].seed})</span>
              </td>
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

function Knowledge({ evaluation }: { evaluation: SeverityEvaluationView }) {
  return (
    <div className="grid gap-1 text-xs" data-testid="severity-knowledge">
      {evaluation.evidence.known.length ? <p className="text-muted">Known: {evaluation.evidence.known.join("; ")}</p> : null}
      {evaluation.unknowns.length ? <p className="text-warn" data-testid="severity-unknowns">Not known yet: {evaluation.unknowns.join("; ")}</p> : null}
    </div>
  );
}

/**
 * The Severity tab: the current proposal with the full answers table (one model: the table and
 * the level come from the same evaluation), what the evidence knows and does not, the questions
 * only people can answer, and the history of decisions. A commander can give the classifier a
 * freshness SLO and answers; later automatic proposals keep them. Accepting or overriding is in
 * the incident header (proposal-bar.tsx), the same for every participant.
 */
export function ClassifierPanel({ incidentId, state, proposal, canDecide }: { incidentId: string; state: IncidentState; proposal: CurrentProposalView | null; canDecide: boolean }) {
  const propose = useProposeSeverity(incidentId);
  const live = useSeverityEvaluation(incidentId, state.status !== "closed");
  const evaluation: SeverityEvaluationView | null = live.data ?? proposal;
  const [slo, setSlo] = useState("");
  const [manual, setManual] = useState<Partial<Record<QuestionId, Answer>>>({});
  const askable = QUESTION_IDS.filter((id) => !evaluation || evaluation.answers[id]?.source !== "kafka");

  return (
    <section aria-label="Severity" className="grid gap-4" data-testid="classifier-panel">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        Current severity: <SeverityBadge level={state.severity} testId="current-severity" />
        {state.severityHistory.length ? <span className="text-xs text-muted">{state.severityHistory.length} decision(s) in the log</span> : null}
      </div>
      {evaluation ? (
        <div className="grid gap-3 rounded-lg border border-border bg-surface p-4" data-testid="severity-proposal">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">The evidence now</h3>
            <SeverityBadge level={evaluation.level} testId="proposed-severity" />
            <span className="text-xs text-muted">evidence {evaluation.evidenceTakenAt ? <Time iso={evaluation.evidenceTakenAt} /> : "not available"}</span>
          </div>
          <ul className="list-disc pl-5 text-sm" data-testid="proposal-reasons">
            {evaluation.reasons.map((r, i) => (
              <li key={i}>{r.text} <span className="text-xs text-muted">({r.source})</span></li>
            ))}
          </ul>
          <AnswersTable answers={evaluation.answers} />
          <Knowledge evaluation={evaluation} />
          {evaluation.questions.length ? (
            <p className="text-xs text-muted" data-testid="severity-questions">Still for people to answer: {evaluation.questions.map((q) => q.text).join(" · ")}</p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-muted">{live.isLoading ? "Reading the evidence…" : "No evaluation yet."}</p>
      )}
      {canDecide ? (
        <div className="grid gap-3 rounded-lg border border-border bg-surface p-4">
          <h3 className="font-semibold">Tell the classifier what Kafka cannot show</h3>
          <p className="text-xs text-muted">Your SLO and answers are recorded in the log with the proposal they give; Ripcord&apos;s later proposals keep them.</p>
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <label className="grid gap-1">
              Freshness SLO (seconds)
              <input inputMode="numeric" value={slo} onChange={(e) => setSlo(e.target.value.replace(/\D/g, ""))} placeholder={evaluation?.commander.freshnessSloSeconds ? String(evaluation.commander.freshnessSloSeconds) : "unknown"} className="w-32 rounded-md border border-border bg-bg px-2 py-1" />
            </label>
            {askable.map((id) => (
              <label key={id} className="grid max-w-xs gap-1">
                <span className="text-xs">{SEVERITY_QUESTIONS[id].text}</span>
                <select value={manual[id] ?? evaluation?.commander.answers[id] ?? "unknown"} onChange={(e) => setManual({ ...manual, [id]: e.target.value as Answer })} className="rounded-md border border-border bg-bg px-2 py-1">
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
              onClick={() => propose.mutate({ ...(slo ? { freshnessSloSeconds: Number(slo) } : {}), answers: manual })}
              className="rounded-md bg-accent px-3 py-1.5 font-semibold text-bg disabled:opacity-50"
            >
              {propose.isPending ? "Evaluating…" : "Propose with my answers"}
            </button>
          </div>
          {propose.error ? <p role="alert" className="text-sm text-bad">{propose.error.message}</p> : null}
        </div>
      ) : null}
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
