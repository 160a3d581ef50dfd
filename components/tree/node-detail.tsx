"use client";
import { useState } from "react";
import { MITIGATIONS, type EvidenceRef, type MitigationId } from "@/lib/domain/diagnosis/tree";
import { questionsOf, type AnswerRecord } from "@/lib/domain/diagnosis-marks/answers";
import type { BranchNode, LeafNode, OutlineNode } from "@/lib/domain/diagnosis-marks/outline";
import { markNeedsNote, TREE_MARK_LABELS, TREE_MARKS, type ScopedVerdict, type TreeMark } from "@/lib/domain/diagnosis-marks/types";
import { scopeLabel } from "@/lib/domain/diagnosis-marks/merge";
import { useAnswerQuestion, useMarkNode } from "@/lib/client/hooks/use-diagnosis";
import { MarkBadge, VerdictChip } from "./badges";
import { WrongApproachWarning, wrongApproachesFor } from "./wrong-approach-warning";
import { utcClock } from "@/lib/domain/metrics/durations";

const time = (iso: string) => utcClock(iso) + "Z";
const H3 = "mb-1 mt-4 text-xs font-bold uppercase tracking-wide text-muted";

export function NodeDetail(props: {
  node: OutlineNode;
  incidentId: string;
  answers: AnswerRecord[];
  canMark: boolean;
  canAnswer: boolean;
  link: string;
  onOpen: (id: string) => void;
}) {
  const { node } = props;
  return (
    <section aria-labelledby="tree-detail-title" data-testid="tree-detail" className="rounded-lg border border-border bg-surface p-4">
      {node.kind === "branch" ? <BranchDetail node={node} onOpen={props.onOpen} /> : <LeafDetail {...props} node={node} />}
    </section>
  );
}

function BranchDetail({ node, onOpen }: { node: BranchNode; onOpen: (id: string) => void }) {
  return (
    <div>
      <h2 id="tree-detail-title" className="text-lg font-semibold text-fg">{node.title}</h2>
      <p className="text-sm text-muted">{node.summary.text || "nothing under it yet"}</p>
      <ul className="mt-3 space-y-1">
        {node.children.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => onOpen(c.id)} className="flex items-center gap-2 text-left text-sm text-fg hover:underline">
              {c.kind === "leaf" ? <VerdictChip verdict={c.verdict} /> : <span className="text-muted">▸</span>}
              {c.title}
              {c.kind === "branch" ? <span className="text-xs text-muted">{c.summary.text}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LeafDetail({ node, incidentId, answers, canMark, canAnswer, link }: { node: LeafNode; incidentId: string; answers: AnswerRecord[]; canMark: boolean; canAnswer: boolean; link: string }) {
  const leaf = node.leaf;
  const [copied, setCopied] = useState(false);
  const byCheck = (checkId: string) => node.evidence.filter((v) => v.checkId === checkId);
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <VerdictChip verdict={node.verdict} />
        <h2 id="tree-detail-title" className="text-lg font-semibold text-fg">{leaf.title}</h2>
        {node.suggested ? <span className="rounded bg-accent px-1.5 py-0.5 text-xs font-bold text-bg">suggested</span> : null}
        {node.rank !== null && node.score !== null ? <span className="font-mono text-xs text-muted">rank #{node.rank} · score {node.score.toFixed(2)}</span> : null}
        {node.marks ? <MarkBadge mark={node.marks.current.mark} /> : null}
      </div>
      <p className="mt-1 font-mono text-xs text-muted">
        {leaf.id} · seed {leaf.seed} ·{" "}
        <a
          href={link}
          className="text-accent underline"
          onClick={(e) => {
            e.preventDefault();
            void navigator.clipboard?.writeText(new URL(link, window.location.href).toString()).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? "link copied" : "copy link to this node"}
        </a>
      </p>

      {node.marks ? (
        <p data-testid="tree-current-mark" className="mt-2 text-sm text-fg">
          <MarkBadge mark={node.marks.current.mark} /> by {node.marks.current.by.name} at {time(node.marks.current.at)}
          {node.marks.current.note ? <>: “{node.marks.current.note}”</> : null}
        </p>
      ) : null}
      {canMark ? <MarkForm incidentId={incidentId} leafId={leaf.id} version={node.marks?.current.seq ?? 0} /> : null}

      <h3 className={H3}>Why ({node.verdict})</h3>
      {node.reasons.length ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-fg">{node.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
      ) : (
        <p className="text-sm text-muted">{leaf.automatic ? "No evidence either way in the current window." : "Kafka cannot show this one: ask the questions below."}</p>
      )}

      <h3 className={H3}>Symptom</h3>
      <p className="text-sm text-fg">{leaf.symptom}</p>

      <h3 className={H3}>Confirms it</h3>
      <EvidenceList refs={leaf.confirm} byCheck={byCheck} />
      <h3 className={H3}>Rules it out</h3>
      <EvidenceList refs={leaf.ruleOut} byCheck={byCheck} />

      <Questions node={node} incidentId={incidentId} answers={answers} canAnswer={canAnswer} />

      <h3 className={H3}>Mitigations that help</h3>
      <ul className="list-disc space-y-0.5 pl-5 text-sm text-fg">{leaf.mitigations.map((m) => <li key={m}>{MITIGATIONS[m]}</li>)}</ul>

      <h3 className={H3}>Wrong approach</h3>
      <p className="text-sm text-fg">{leaf.wrongApproach}</p>
      {leaf.wrongMitigations.length ? <p className="mt-1 text-xs text-muted">Will not help: {leaf.wrongMitigations.map((m) => MITIGATIONS[m]).join(" · ")}</p> : null}
      <MitigationCheck leafId={leaf.id} />

      {node.marks && node.marks.history.length > 1 ? (
        <>
          <h3 className={H3}>Mark history</h3>
          <ol className="space-y-0.5 text-xs text-muted">
            {node.marks.history.map((h) => (
              <li key={h.seq}>
                {time(h.at)} {h.by.name}: {TREE_MARK_LABELS[h.mark]}
                {h.note ? ` — ${h.note}` : ""}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

function EvidenceList({ refs, byCheck }: { refs: EvidenceRef[]; byCheck: (checkId: string) => ScopedVerdict[] }) {
  return (
    <ul className="space-y-1 text-sm">
      {refs.map((r, i) => {
        if (r.kind === "question") return <li key={i} className="text-fg"><span className="text-muted">ask:</span> {r.text}</li>;
        const found = byCheck(r.checkId);
        return (
          <li key={i} className="text-fg">
            <span className="text-muted">check:</span> {r.text} <span className="font-mono text-xs text-muted">({r.checkId})</span>
            {found.length ? (
              <ul className="mt-0.5 space-y-0.5 pl-4">
                {found.map((v, j) => (
                  <li key={j} className="flex flex-wrap items-baseline gap-1.5 text-xs">
                    <VerdictChip verdict={v.verdict} />
                    <span className="text-fg">{v.reason}</span>
                    <span className="text-muted">[{scopeLabel(v.scope)}]</span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="ml-1 text-xs text-muted">— not evaluated in this window</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function MarkForm({ incidentId, leafId, version }: { incidentId: string; leafId: string; version: number }) {
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMarkNode(incidentId);
  const submit = (mark: TreeMark) => {
    if (markNeedsNote(mark) && note.trim().length < 3) {
      setProblem(`${TREE_MARK_LABELS[mark]} needs a note: say why.`);
      return;
    }
    setProblem(null);
    mutation.mutate(
      { leafId, mark, note: note.trim(), expectedVersion: version },
      { onSuccess: () => setNote(""), onError: (e) => setProblem(e.message) },
    );
  };
  return (
    <form className="mt-3 rounded-md border border-border bg-surface-2 p-3" aria-label="Mark this node" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`mark-note-${leafId}`} className="block text-xs font-semibold text-muted">
        Commander’s note (required to rule out or confirm)
      </label>
      <textarea
        id={`mark-note-${leafId}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        className="mt-1 w-full rounded border border-border bg-surface px-2 py-1 text-sm text-fg"
        placeholder="e.g. pods OOM-killed at 09:02, offsets frozen since"
      />
      <div className="mt-2 flex flex-wrap gap-2">
        {TREE_MARKS.map((m) => (
          <button
            key={m}
            type="button"
            disabled={mutation.isPending}
            onClick={() => submit(m)}
            className={`rounded px-3 py-1.5 text-sm font-semibold disabled:opacity-60 ${m === "confirmed" ? "bg-bad text-bg" : m === "ruled-out" ? "border border-border bg-surface text-fg" : "bg-warn text-bg"}`}
          >
            {m === "investigating" ? "Investigating" : m === "ruled-out" ? "Rule out" : "Confirm"}
          </button>
        ))}
      </div>
      {problem ? <p role="alert" className="mt-2 text-sm text-bad">{problem}</p> : null}
    </form>
  );
}

function Questions({ node, incidentId, answers, canAnswer }: { node: LeafNode; incidentId: string; answers: AnswerRecord[]; canAnswer: boolean }) {
  const questions = questionsOf(node.leaf);
  if (questions.length === 0) return null;
  return (
    <>
      <h3 className={H3}>Clarifying questions (seed {node.leaf.seed})</h3>
      <ul className="space-y-2">
        {questions.map((q) => {
          const a = answers.find((x) => x.leafId === node.leaf.id && x.question === q.index);
          return (
            <li key={q.index} className="rounded border border-border p-2 text-sm">
              <p className="text-fg">{q.text}</p>
              <p className="text-xs text-muted">{q.yesMeans === "neither" ? "context: recorded, does not move the ranking" : `yes ${q.yesMeans} this cause`}</p>
              {a ? (
                <p data-testid="tree-answer" className="mt-1 text-sm text-fg">
                  <strong>{a.answer}</strong> — {a.by} at {time(a.createdAt)}
                  {a.note ? `: ${a.note}` : ""}
                </p>
              ) : null}
              {canAnswer ? <AnswerForm incidentId={incidentId} leafId={node.leaf.id} question={q.index} /> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function AnswerForm({ incidentId, leafId, question }: { incidentId: string; leafId: string; question: number }) {
  const [note, setNote] = useState("");
  const mutation = useAnswerQuestion(incidentId);
  const send = (answer: "yes" | "no") => mutation.mutate({ leafId, question, answer, note: note.trim() }, { onSuccess: () => setNote("") });
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <input
        aria-label="What you saw (optional)"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="what you saw, with numbers"
        className="min-w-0 flex-1 rounded border border-border bg-surface px-2 py-1 text-sm text-fg"
      />
      <button type="button" disabled={mutation.isPending} onClick={() => send("yes")} className="rounded border border-border bg-surface-2 px-2 py-1 text-sm font-semibold text-fg">Yes</button>
      <button type="button" disabled={mutation.isPending} onClick={() => send("no")} className="rounded border border-border bg-surface-2 px-2 py-1 text-sm font-semibold text-fg">No</button>
      {mutation.isError ? <span role="alert" className="text-sm text-bad">{mutation.error.message}</span> : null}
    </div>
  );
}

/** "Thinking of scaling consumers?": pick a mitigation, hear why it will not help for this cause. */
function MitigationCheck({ leafId }: { leafId: string }) {
  const [picked, setPicked] = useState<MitigationId | "">("");
  return (
    <div className="mt-2">
      <label className="text-xs font-semibold text-muted" htmlFor={`mitigation-check-${leafId}`}>Reaching for a mitigation? Check it against this cause</label>
      <select
        id={`mitigation-check-${leafId}`}
        value={picked}
        onChange={(e) => setPicked(e.target.value as MitigationId | "")}
        className="mt-1 block w-full rounded border border-border bg-surface px-2 py-1 text-sm text-fg"
      >
        <option value="">—</option>
        {(Object.keys(MITIGATIONS) as MitigationId[]).map((m) => <option key={m} value={m}>{MITIGATIONS[m]}</option>)}
      </select>
      {picked ? <WrongApproachWarning leafIds={[leafId]} mitigation={picked} className="mt-2" /> : null}
      {picked && wrongApproachesFor([leafId], picked).length === 0 ? <p className="mt-1 text-xs text-muted">No warning on record against this for this cause.</p> : null}
    </div>
  );
}
