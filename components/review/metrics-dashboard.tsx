"use client";
import Link from "next/link";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { useMetrics } from "@/lib/client/hooks/use-review";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { METRICS, METRIC_LABELS, type MetricSummary } from "@/lib/domain/metrics/types";
import { ACTION_TYPES, ACTION_TYPE_LABELS, REVIEW_STATE_LABELS } from "@/lib/domain/review/types";

const tooltipStyle = { background: "var(--color-surface)", border: "1px solid var(--color-border)", color: "var(--color-fg)", fontSize: 12 };
const SEV_COLORS = { SEV1: "var(--color-sev1)", SEV2: "var(--color-sev2)", SEV3: "var(--color-sev3)", SEV4: "var(--color-sev4)", unclassified: "var(--color-muted)" } as const;
const METRIC_COLORS = { mttd: "var(--color-warn)", mtta: "var(--color-accent)", mttm: "var(--color-ok)", mttr: "var(--color-bad)" } as const;

function Card({ title, children, testId, className = "" }: { title: string; children: React.ReactNode; testId?: string; className?: string }) {
  return (
    <section data-testid={testId} className={`rounded-lg border border-border bg-surface p-4 ${className}`}>
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** The manager's view: MTTx, incidents by severity, causes, repeat causes, action items, reviews. */
export function MetricsDashboard() {
  const [includeDrills, setIncludeDrills] = useState(false);
  const { data, error, isPending } = useMetrics(includeDrills);
  if (isPending) return <p className="text-sm text-muted">Loading the numbers…</p>;
  if (error || !data) return <p role="alert" className="text-sm text-bad">{error?.message ?? "could not load the metrics"}</p>;
  const d = data.dashboard;
  const minutes = (s: MetricSummary) => (s.medianSeconds === null ? null : s.medianSeconds / 60);
  const trend = d.trend.map((t) => ({ week: t.week.slice(5), ...Object.fromEntries(METRICS.map((m) => [m, minutes(t[m])])) }));
  const sev = d.bySeverity.map((w) => ({ week: w.week.slice(5), ...w.counts }));
  return (
    <div className="space-y-4" data-testid="metrics-dashboard">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted">
          {d.incidentCount} incident{d.incidentCount === 1 ? "" : "s"} over the last {d.weeks.length} weeks{!includeDrills && d.drillsExcluded ? ` · ${d.drillsExcluded} drill${d.drillsExcluded === 1 ? "" : "s"} left out` : ""}
          {d.falseAlarmsExcluded ? <span data-testid="false-alarms-excluded"> · {d.falseAlarmsExcluded} false alarm{d.falseAlarmsExcluded === 1 ? "" : "s"} left out</span> : null}.
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" data-testid="include-drills" checked={includeDrills} onChange={(e) => setIncludeDrills(e.target.checked)} /> Include drills
        </label>
      </div>

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="mttx-summary">
        {METRICS.map((m) => {
          const s = d.summary[m];
          return (
            <div key={m} className="rounded-lg border border-border bg-surface p-4" data-testid={`summary-${m}`}>
              <p className="text-xs font-semibold uppercase tracking-wide text-muted">{METRIC_LABELS[m].short} · {METRIC_LABELS[m].long}</p>
              <p className="mt-1 text-2xl font-bold">{formatDuration(s.medianSeconds)}</p>
              <p className="text-xs text-muted">median · p90 {formatDuration(s.p90Seconds)} · {s.n} of {s.m} incidents</p>
              <p className="mt-1 text-xs text-muted">{METRIC_LABELS[m].from} → {METRIC_LABELS[m].to}{m === "mttr" && d.mttrFromDetected ? ` (${d.mttrFromDetected} from detection)` : ""}</p>
            </div>
          );
        })}
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Incidents per week by severity" testId="chart-severity">
          <div style={{ height: 240 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={sev} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="week" stroke="var(--color-muted)" fontSize={11} />
                <YAxis allowDecimals={false} stroke="var(--color-muted)" fontSize={11} width={32} />
                <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--color-surface-2)" }} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {(Object.keys(SEV_COLORS) as (keyof typeof SEV_COLORS)[]).map((k) => (
                  <Bar key={k} dataKey={k} stackId="s" name={k === "unclassified" ? "Unclassified" : k} fill={SEV_COLORS[k]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Card>
        <Card title="MTTD, MTTA, MTTM, MTTR per week (median, minutes)" testId="chart-mttx">
          <div style={{ height: 240 }}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={trend} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
                <XAxis dataKey="week" stroke="var(--color-muted)" fontSize={11} />
                <YAxis stroke="var(--color-muted)" fontSize={11} width={40} />
                <Tooltip contentStyle={tooltipStyle} formatter={(v) => (typeof v === "number" ? `${v.toFixed(1)} min` : String(v))} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {METRICS.map((m) => (
                  <Line key={m} dataKey={m} name={METRIC_LABELS[m].short} stroke={METRIC_COLORS[m]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Card>
        <Card title="Causes by category" testId="causes">
          {d.causes.length ? (
            <BarListChart data={d.causes.map((c) => ({ label: c.title, value: c.count, tone: "accent" }))} valueLabel="incidents" format={(v) => String(v)} summary={d.causes.map((c) => `${c.title}: ${c.count}`).join(", ")} />
          ) : (
            <p className="text-sm italic text-muted">No confirmed root causes yet.</p>
          )}
          {d.causesUnknown ? <p className="mt-2 text-xs text-muted">{d.causesUnknown} incident{d.causesUnknown === 1 ? "" : "s"} without a confirmed root cause.</p> : null}
        </Card>
        <Card title="Repeat causes" testId="repeat-causes">
          {d.repeatCauses.length ? (
            <ul className="space-y-2 text-sm">
              {d.repeatCauses.map((r) => (
                <li key={r.leafId}>
                  <span className="font-semibold">{r.title}</span> <span className="text-muted">× {r.count}</span>
                  <ul className="ml-4 text-xs text-muted">
                    {r.incidents.map((i) => (
                      <li key={i.id}><Link className="text-accent hover:underline" href={`/incidents/${i.id}/review`}>{i.title}</Link> · {i.at.slice(0, 10)}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm italic text-muted">No cause has come back yet.</p>
          )}
        </Card>
      </div>

      <Card title="Action items" testId="action-item-stats">
        <div className="mb-3 flex flex-wrap gap-6 text-sm">
          <p><span className="text-2xl font-bold">{d.actionItems.open}</span> open</p>
          <p className={d.actionItems.overdue ? "text-bad" : ""}><span className="text-2xl font-bold">{d.actionItems.overdue}</span> overdue</p>
          <p className="text-muted"><span className="text-2xl font-bold text-fg">{d.actionItems.done}</span> done</p>
          {ACTION_TYPES.map((t) => (
            <p key={t} className="text-muted">{ACTION_TYPE_LABELS[t]}: {d.actionItems.byType[t].open} open, {d.actionItems.byType[t].overdue} overdue</p>
          ))}
        </div>
        {d.actionItems.overdueItems.length ? (
          <ul className="space-y-1 text-sm">
            {d.actionItems.overdueItems.map((a) => (
              <li key={a.id}>
                <Link href={`/incidents/${a.incidentId}/review`} className="text-accent hover:underline">{a.title}</Link> <span className="text-muted">· {a.owner} · due {a.dueDate} · </span><span className="font-semibold text-bad">{a.daysOverdue} d overdue</span>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <Card title="Reviews" testId="reviews-list">
        {data.reviews.length ? (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                <th className="py-1 pr-2">Incident</th><th className="py-1 pr-2">Severity</th><th className="py-1 pr-2">Opened</th><th className="py-1 pr-2">Review</th><th className="py-1">Open actions</th>
              </tr>
            </thead>
            <tbody>
              {data.reviews.map((r) => (
                <tr key={r.incidentId} className="border-b border-border/60">
                  <td className="py-1 pr-2"><Link href={`/incidents/${r.incidentId}/review`} className="text-accent hover:underline">{r.title}</Link>{r.drill ? <span className="ml-2 rounded-full border border-border px-1.5 text-xs text-muted">drill</span> : null}</td>
                  <td className="py-1 pr-2">{r.severity ?? "—"}</td>
                  <td className="py-1 pr-2 font-mono text-xs">{r.openedAt.slice(0, 10)}</td>
                  <td className="py-1 pr-2">{r.reviewState === "none" ? <span className="text-muted">Not started</span> : REVIEW_STATE_LABELS[r.reviewState]}</td>
                  <td className="py-1">{r.openActionItems}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm italic text-muted">No incidents in this period.</p>
        )}
      </Card>
    </div>
  );
}
