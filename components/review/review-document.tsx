import { KEY_TIMES, KEY_TIME_LABELS } from "@/lib/domain/incidents/types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { responseRows } from "@/lib/domain/metrics/response-rows";
import type { ReviewDocument } from "@/lib/domain/review/document";
import { ACTION_STATUS_LABELS, ACTION_TYPE_LABELS, CONTROL_LOOP_LABELS, FACTOR_CATEGORIES, FACTOR_LABELS, isOverdue } from "@/lib/domain/review/types";
import type { ReactNode } from "react";
import { IncidentWindowCharts } from "./charts/incident-window-charts";

const utc = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
const num = (n: number | null) => (n === null ? "unknown" : n.toLocaleString("en-US"));

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} className="rounded-lg border border-border bg-surface p-4">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Para({ text, empty = "Not written yet." }: { text: string; empty?: string }) {
  return text.trim() ? <p className="whitespace-pre-wrap text-sm leading-relaxed">{text}</p> : <p className="text-sm italic text-muted">{empty}</p>;
}

function Bullets({ items, empty = "None recorded." }: { items: string[]; empty?: string }) {
  return items.length ? (
    <ul className="ml-5 list-disc space-y-1 text-sm">
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  ) : (
    <p className="text-sm italic text-muted">{empty}</p>
  );
}

/** The measured parts of a review: impact, key times and MTTx, charts, timeline excerpt, root cause. */
export function MeasuredSections({ doc, timelineExtra }: { doc: ReviewDocument; timelineExtra?: ReactNode }) {
  const { impact, durations, incident } = doc;
  const rows: [string, string][] = [
    ["Duration", `${formatDuration(impact.durationSeconds)} (${impact.window.fromKey} → ${impact.window.toKey})`],
    ["Affected streams", impact.affectedTopics.join(", ") || "—"],
    ["Affected consumer groups", impact.affectedGroups.join(", ") || "—"],
    ["Peak lag", impact.peakLag === null ? "unknown" : `${num(impact.peakLag)} records`],
    ["Peak time lag", impact.peakTimeLagSeconds === null ? "unknown" : formatDuration(impact.peakTimeLagSeconds)],
    ["Records late (estimate)", num(impact.recordsLate)],
    ["Records lost", impact.lost === "unknown" ? "unknown (no stored evidence)" : impact.lost === "yes" ? `yes: ${num(impact.recordsLost)}` : "no"],
  ];
  return (
    <>
      <Section title="Impact" testId="review-impact">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {rows.map(([k, v]) => (
            <div key={k} className="flex justify-between gap-4 border-b border-border/60 pb-1">
              <dt className="text-muted">{k}</dt>
              <dd className={`text-right font-medium ${k === "Records lost" && impact.lost === "yes" ? "text-bad" : ""}`}>{v}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <table className="w-full text-sm">
            <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-muted">Key times</caption>
            <tbody>
              {KEY_TIMES.map((k) => (
                <tr key={k} className="border-b border-border/60">
                  <th scope="row" className="py-1 text-left font-normal text-muted">{KEY_TIME_LABELS[k]}</th>
                  <td className="py-1 text-right font-mono text-xs">{utc(incident.keyTimes[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="w-full text-sm" data-testid="review-mttx">
            <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-muted">Response</caption>
            <tbody>
              {responseRows(durations).map((r) => (
                <tr key={r.metric} className="border-b border-border/60" data-testid={`review-${r.metric}`}><th scope="row" className="py-1 text-left font-normal text-muted">{r.label}</th><td className="py-1 text-right font-semibold">{formatDuration(r.seconds)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title="Incident window" testId="review-window">
        <IncidentWindowCharts series={doc.charts.series} markers={doc.charts.markers} />
      </Section>
      <Section title="Timeline" testId="review-timeline">
        {doc.timeline.length ? (
          <ol className="space-y-1 text-sm">
            {doc.timeline.map((t) => (
              <li key={t.entryId} className="grid grid-cols-[8.5rem_1fr] gap-3 border-b border-border/60 py-1">
                <span className="font-mono text-xs text-muted">{utc(t.at)}</span>
                <span>
                  {t.text} <span className="text-xs text-muted">— {t.author}{t.reasons.includes("pinned") ? " · pinned" : ""}</span>
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm italic text-muted">No timeline entries.</p>
        )}
        {timelineExtra}
      </Section>
      <Section title="Root cause" testId="review-root-cause">
        {doc.rootCauses.length ? (
          doc.rootCauses.map((c) => (
            <div key={c.leafId} className="mb-2 text-sm">
              <p>
                <span className="font-semibold">{c.title}</span> <span className="text-muted">({c.branchTitle} · <code className="font-mono text-xs">{c.leafId}</code>) confirmed by {c.by}, {utc(c.at)}</span>
              </p>
              {c.symptom ? <p className="text-muted">{c.symptom}</p> : null}
              {c.note ? <p className="mt-1">Note: {c.note}</p> : null}
            </div>
          ))
        ) : (
          <p className="text-sm italic text-muted">No root cause confirmed on the root-cause tree yet.</p>
        )}
      </Section>
    </>
  );
}

/** The written parts, read-only. */
export function WrittenSections({ doc }: { doc: ReviewDocument }) {
  const c = doc.content;
  return (
    <>
      {c.rootCauseNotes.trim() ? (
        <Section title="Root cause notes">
          <Para text={c.rootCauseNotes} />
        </Section>
      ) : null}
      <Section title="Contributing factors" testId="review-factors">
        <div className="grid gap-4 sm:grid-cols-3">
          {FACTOR_CATEGORIES.map((cat) => (
            <div key={cat}>
              <h3 className="mb-1 text-sm font-semibold">{FACTOR_LABELS[cat]}</h3>
              <Bullets items={c.contributingFactors.filter((f) => f.category === cat).map((f) => f.text)} />
            </div>
          ))}
        </div>
      </Section>
      <Section title="Five whys">
        {c.fiveWhys.length ? (
          <ol className="ml-5 list-decimal space-y-1 text-sm">
            {c.fiveWhys.map((w, i) => (
              <li key={i}>
                <span className="font-semibold">{w.question || "Why?"}</span> {w.answer}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm italic text-muted">Not written yet.</p>
        )}
      </Section>
      <Section title="Which control loop failed">
        <Bullets items={c.controlLoops.map((l) => CONTROL_LOOP_LABELS[l])} empty="Not decided yet." />
        {c.controlLoopNotes.trim() ? <div className="mt-2"><Para text={c.controlLoopNotes} /></div> : null}
      </Section>
      <div className="grid gap-4 sm:grid-cols-2">
        <Section title="What went well">
          <Bullets items={c.wentWell} />
        </Section>
        <Section title="What did not go well">
          <Bullets items={c.wentBadly} />
        </Section>
      </div>
    </>
  );
}

export function ActionItemsTable({ doc, now, actions }: { doc: ReviewDocument; now: number; actions?: (id: string) => ReactNode }) {
  if (doc.actionItems.length === 0) return <p className="text-sm italic text-muted">No action items.</p>;
  return (
    <table className="w-full text-sm" data-testid="action-items">
      <thead>
        <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          <th className="py-1 pr-2">Action</th>
          <th className="py-1 pr-2">Type</th>
          <th className="py-1 pr-2">Owner</th>
          <th className="py-1 pr-2">Due</th>
          <th className="py-1 pr-2">Status</th>
          {actions ? <th className="py-1 no-print"><span className="sr-only">Change</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {doc.actionItems.map((a) => (
          <tr key={a.id} className="border-b border-border/60 align-top">
            <td className="py-1 pr-2">{a.title}</td>
            <td className="py-1 pr-2">{ACTION_TYPE_LABELS[a.type]}</td>
            <td className="py-1 pr-2">{a.owner}</td>
            <td className={`py-1 pr-2 font-mono text-xs ${isOverdue(a, now) ? "font-semibold text-bad" : ""}`}>{a.dueDate ?? "—"}{isOverdue(a, now) ? " (overdue)" : ""}</td>
            <td className="py-1 pr-2">{ACTION_STATUS_LABELS[a.status]}</td>
            {actions ? <td className="py-1 no-print">{actions(a.id)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
