"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/domain/review/impact";
import type { ChartMarker } from "@/lib/domain/review/timeline";
import { utcClock } from "@/lib/domain/metrics/durations";
import { timeTicks } from "@/lib/domain/charts/time-ticks";

const time = (ms: number) => utcClock(ms, { seconds: false });
/** Seconds on the axis when the window is short: four ticks reading "22:09" say nothing. */
const tickTime = (spanMs: number) => (spanMs < 15 * 60_000 ? (ms: number) => utcClock(ms) : time);
const compact = (v: number) => (Math.abs(v) >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : Math.abs(v) >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : String(Math.round(v * 10) / 10));
const seconds = (v: number) => (v >= 3600 ? `${(v / 3600).toFixed(1)} h` : v >= 60 ? `${Math.round(v / 60)} min` : `${Math.round(v)} s`);

const MARKER_TONE: Record<ChartMarker["kind"], string> = {
  deploy: "var(--color-warn)",
  "schema-change": "var(--color-bad)",
  "config-change": "var(--color-warn)",
  status: "var(--color-muted)",
  severity: "var(--color-sev2)",
  opened: "var(--color-muted)",
};

interface Line_ {
  key: keyof SeriesPoint;
  label: string;
  color: string;
  axis: "left" | "right";
  dashed?: boolean;
}

function WindowChart({ data, domain, markers, lines, leftLabel, rightLabel, formatLeft, formatRight, title, testId }: {
  data: SeriesPoint[];
  domain?: [number, number];
  markers: ChartMarker[];
  lines: Line_[];
  leftLabel: string;
  rightLabel?: string;
  formatLeft: (v: number) => string;
  formatRight?: (v: number) => string;
  title: string;
  testId: string;
}) {
  const [from, to] = domain ?? [data[0]?.at ?? 0, data[data.length - 1]?.at ?? 0];
  const visible = markers.map((m) => ({ ...m, t: Date.parse(m.at) })).filter((m) => m.t >= from && m.t <= to);
  const hasRight = lines.some((l) => l.axis === "right");
  return (
    <figure data-testid={testId} data-points={data.length} data-markers={visible.length} className="break-inside-avoid rounded-lg border border-border bg-surface p-3">
      <figcaption className="mb-2 text-sm font-semibold">{title}</figcaption>
      <div style={{ height: 220 }} className="print:h-[200px]">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 16, right: hasRight ? 4 : 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
            <XAxis dataKey="at" type="number" domain={domain ?? ["dataMin", "dataMax"]} allowDataOverflow={domain !== undefined} scale="time" ticks={timeTicks(from, to)} tickFormatter={tickTime(to - from)} stroke="var(--color-muted)" fontSize={11} />
            <YAxis yAxisId="left" stroke="var(--color-muted)" fontSize={11} tickFormatter={formatLeft} width={56} label={{ value: leftLabel, angle: -90, position: "insideLeft", fill: "var(--color-muted)", fontSize: 11 }} />
            {hasRight ? <YAxis yAxisId="right" orientation="right" stroke="var(--color-muted)" fontSize={11} tickFormatter={formatRight} width={56} label={{ value: rightLabel ?? "", angle: 90, position: "insideRight", fill: "var(--color-muted)", fontSize: 11 }} /> : null}
            <Tooltip
              contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", color: "var(--color-fg)", fontSize: 12 }}
              labelFormatter={(v) => (typeof v === "number" ? `${time(v)} UTC` : String(v))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {visible.map((m, i) => (
              <ReferenceLine key={`${m.at}-${i}`} yAxisId="left" x={m.t} stroke={MARKER_TONE[m.kind]} strokeDasharray="4 3" label={{ value: m.label.slice(0, 18), position: "top", fill: "var(--color-muted)", fontSize: 10 }} />
            ))}
            {lines.map((l) => (
              <Line key={l.key} yAxisId={l.axis} type="monotone" dataKey={l.key} name={l.label} stroke={l.color} strokeWidth={2} strokeDasharray={l.dashed ? "5 4" : undefined} dot={false} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/**
 * Lag and time lag; input and consume rates — over the incident window, with the timeline's
 * markers. `domain` fixes the time axis (the live page runs it up to now, so an event posted
 * after the newest sample still shows); without it the axis spans the data.
 */
export function IncidentWindowCharts({ series, markers, domain, emptyText, emptyTestId = "review-charts-empty" }: {
  series: SeriesPoint[];
  markers: ChartMarker[];
  domain?: [number, number];
  emptyText?: string;
  emptyTestId?: string;
}) {
  if (series.length === 0) {
    return (
      <p data-testid={emptyTestId} className="rounded-lg border border-dashed border-border px-4 py-6 text-sm text-muted">
        {emptyText ?? "No stored evidence covers this incident's window, so there is nothing to chart."}
      </p>
    );
  }
  return (
    <div data-testid="review-charts" className="grid gap-4 lg:grid-cols-2 print:grid-cols-1">
      <WindowChart
        testId="chart-lag"
        domain={domain}
        title="Lag and time lag"
        data={series}
        markers={markers}
        leftLabel="records"
        rightLabel="time lag"
        formatLeft={compact}
        formatRight={seconds}
        lines={[
          { key: "lag", label: "Lag (records)", color: "var(--color-accent)", axis: "left" },
          { key: "timeLagSeconds", label: "Time lag", color: "var(--color-bad)", axis: "right", dashed: true },
        ]}
      />
      <WindowChart
        testId="chart-rates"
        domain={domain}
        title="Input and consume rates"
        data={series}
        markers={markers}
        leftLabel="records/s"
        formatLeft={compact}
        lines={[
          { key: "inputRatePerSec", label: "Input", color: "var(--color-warn)", axis: "left" },
          { key: "consumeRatePerSec", label: "Consume", color: "var(--color-ok)", axis: "left" },
        ]}
      />
      {markers.length ? (
        <ul className="text-xs text-muted lg:col-span-2" aria-label="Chart markers">
          {markers.map((m, i) => (
            <li key={`${m.at}-${i}`}>
              <span className="font-mono">{m.at.slice(11, 16)} UTC</span> · {m.kind === "status" ? "Status →" : m.kind === "severity" ? "Severity" : m.kind.replace("-", " ")} {m.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
