"use client";
import { useState } from "react";
import { ApiError } from "@/lib/client/api";
import type { useReviewMutations } from "@/lib/client/hooks/use-review";
import { CONTROL_LOOPS, CONTROL_LOOP_LABELS, FACTOR_CATEGORIES, FACTOR_LABELS, type FactorCategory, type ReviewContent } from "@/lib/domain/review/types";
import { BlamelessHints } from "./blameless-hints";
import { Section } from "./review-document";

const input = "w-full rounded border border-border bg-bg px-2 py-1.5 text-sm focus:border-accent";
const button = "rounded border border-border px-3 py-1.5 text-sm font-semibold hover:bg-surface-2";

function TextField({ label, value, onChange, names, rows = 4, id }: { label: string; value: string; onChange: (v: string) => void; names: string[]; rows?: number; id: string }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold">{label}</label>
      <textarea id={id} rows={rows} className={input} value={value} onChange={(e) => onChange(e.target.value)} />
      <BlamelessHints text={value} names={names} />
    </div>
  );
}

function LinesField({ label, value, onChange, names, id }: { label: string; value: string[]; onChange: (v: string[]) => void; names: string[]; id: string }) {
  const text = value.join("\n");
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold">{label} <span className="font-normal text-muted">(one per line)</span></label>
      <textarea id={id} rows={4} className={input} value={text} onChange={(e) => onChange(e.target.value.split("\n"))} />
      <BlamelessHints text={text} names={names} />
    </div>
  );
}

const clean = (c: ReviewContent): ReviewContent => ({
  ...c,
  wentWell: c.wentWell.map((s) => s.trim()).filter(Boolean),
  wentBadly: c.wentBadly.map((s) => s.trim()).filter(Boolean),
  contributingFactors: c.contributingFactors.map((f) => ({ ...f, text: f.text.trim() })).filter((f) => f.text),
  fiveWhys: c.fiveWhys.filter((w) => w.question.trim() || w.answer.trim()),
});

/** The commander's editor for the written parts of a review, with blameless hints while writing. */
export function ReviewEditor({ initial, version, names, mutations }: { initial: ReviewContent; version: number; names: string[]; mutations: ReturnType<typeof useReviewMutations> }) {
  const [c, setC] = useState<ReviewContent>(initial);
  const [dirty, setDirty] = useState(false);
  const set = <K extends keyof ReviewContent>(k: K, v: ReviewContent[K]) => {
    setC((prev) => ({ ...prev, [k]: v }));
    setDirty(true);
  };
  const factorText = (cat: FactorCategory) => c.contributingFactors.filter((f) => f.category === cat).map((f) => f.text);
  const setFactors = (cat: FactorCategory, lines: string[]) => set("contributingFactors", [...c.contributingFactors.filter((f) => f.category !== cat), ...lines.map((text) => ({ category: cat, text }))]);
  const whys = c.fiveWhys.length ? c.fiveWhys : [{ question: "", answer: "" }];
  const error = mutations.save.error;
  const save = () => mutations.save.mutate({ version, content: clean(c) }, { onSuccess: () => setDirty(false) });
  return (
    <form
      data-testid="review-editor"
      className="space-y-4 no-print"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Section title="Summary">
        <TextField id="rv-summary" label="What happened, in a few sentences" value={c.summary} onChange={(v) => set("summary", v)} names={names} />
        <div className="mt-3">
          <TextField id="rv-impact" label="Impact beyond the numbers (customers, reports, money)" value={c.impactNotes} onChange={(v) => set("impactNotes", v)} names={names} rows={3} />
        </div>
        <div className="mt-3">
          <TextField id="rv-rootcause" label="Root cause notes" value={c.rootCauseNotes} onChange={(v) => set("rootCauseNotes", v)} names={names} rows={3} />
        </div>
      </Section>
      <Section title="Contributing factors">
        <div className="grid gap-4 md:grid-cols-3">
          {FACTOR_CATEGORIES.map((cat) => (
            <LinesField key={cat} id={`rv-factor-${cat}`} label={FACTOR_LABELS[cat]} value={factorText(cat)} onChange={(v) => setFactors(cat, v)} names={names} />
          ))}
        </div>
      </Section>
      <Section title="Five whys">
        <ol className="space-y-2">
          {whys.map((w, i) => (
            <li key={i} className="grid gap-2 md:grid-cols-2">
              <input aria-label={`Why ${i + 1}: question`} className={input} placeholder={`Why ${i + 1}?`} value={w.question} onChange={(e) => set("fiveWhys", whys.map((x, j) => (j === i ? { ...x, question: e.target.value } : x)))} />
              <div>
                <input aria-label={`Why ${i + 1}: answer`} className={input} placeholder="Because…" value={w.answer} onChange={(e) => set("fiveWhys", whys.map((x, j) => (j === i ? { ...x, answer: e.target.value } : x)))} />
                <BlamelessHints text={w.answer} names={names} />
              </div>
            </li>
          ))}
        </ol>
        {whys.length < 5 ? (
          <button type="button" className={`${button} mt-2`} onClick={() => set("fiveWhys", [...whys, { question: "", answer: "" }])}>Ask why again</button>
        ) : null}
      </Section>
      <Section title="Which control loop failed">
        <fieldset className="grid gap-1 sm:grid-cols-2 md:grid-cols-4">
          <legend className="sr-only">Control loops</legend>
          {CONTROL_LOOPS.map((l) => (
            <label key={l} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={c.controlLoops.includes(l)} onChange={(e) => set("controlLoops", e.target.checked ? [...c.controlLoops, l] : c.controlLoops.filter((x) => x !== l))} />
              {CONTROL_LOOP_LABELS[l]}
            </label>
          ))}
        </fieldset>
        <div className="mt-3">
          <TextField id="rv-loops" label="Why this loop did not catch it" value={c.controlLoopNotes} onChange={(v) => set("controlLoopNotes", v)} names={names} rows={3} />
        </div>
      </Section>
      <div className="grid gap-4 md:grid-cols-2">
        <Section title="What went well">
          <LinesField id="rv-well" label="Went well" value={c.wentWell} onChange={(v) => set("wentWell", v)} names={names} />
        </Section>
        <Section title="What did not go well">
          <LinesField id="rv-badly" label="Did not go well" value={c.wentBadly} onChange={(v) => set("wentBadly", v)} names={names} />
        </Section>
      </div>
      <div className="sticky bottom-0 flex items-center gap-3 border-t border-border bg-bg/95 py-3">
        <button type="submit" data-testid="review-save" disabled={mutations.save.isPending} className="rounded bg-accent px-4 py-1.5 text-sm font-semibold text-white disabled:opacity-50 dark:text-black">
          {mutations.save.isPending ? "Saving…" : "Save review"}
        </button>
        <span className="text-sm text-muted" aria-live="polite">{dirty ? "Unsaved changes" : `Saved · version ${version}`}</span>
        {error ? (
          <span role="alert" className="text-sm text-bad">
            {error instanceof ApiError && error.status === 409 ? `${error.message} Your text is still here: copy it, reload, and save again.` : error.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
