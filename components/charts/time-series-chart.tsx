"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { timeTicks } from "@/lib/domain/charts/time-ticks";
import { utcClock } from "@/lib/domain/metrics/durations";

/** Keys of T whose values are numbers (or null: a gap in the line). */
export type NumericKey<T> = { [K in keyof T]-?: T[K] extends number | null ? K : never }[keyof T] & string;

export type Tone = "accent" | "ok" | "warn" | "bad" | "muted" | "sev4";

export interface SeriesSpec<T> {
  key: NumericKey<T>;
  label: string;
  tone: Tone;
  axis?: "left" | "right";
  dashed?: boolean;
}

const color = (tone: Tone) => `var(--color-${tone})`;

export interface TimeSeriesChartProps<T> {
  data: T[];
  x: NumericKey<T>;
  series: SeriesSpec<T>[];
  leftLabel: string;
  rightLabel?: string;
  formatLeft?: (v: number) => string;
  formatRight?: (v: number) => string;
  height?: number;
  /** Accessible description of what the chart shows (the SVG itself is not readable). */
  summary: string;
  testId?: string;
}

// UTC, as the header and every reason say (a local-time axis beside "14:03:27 UTC" misleads at 02:00)
const time = (ms: number) => utcClock(ms);

/** A typed recharts line chart over time with up to two y axes, in the semantic colours of both themes. */
export function TimeSeriesChart<T extends object>({ data, x, series, leftLabel, rightLabel, formatLeft, formatRight, height = 240, summary, testId }: TimeSeriesChartProps<T>) {
  const hasRight = series.some((s) => s.axis === "right");
  const times = data.map((d) => Number(d[x])).filter(Number.isFinite);
  const ticks = times.length > 0 ? timeTicks(Math.min(...times), Math.max(...times)) : [];
  const byKey = new Map(series.map((s) => [s.label, s]));
  return (
    <figure data-testid={testId} data-points={data.length} className="w-full">
      <figcaption className="sr-only">{summary}</figcaption>
      <div style={{ height }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: hasRight ? 8 : 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
            <XAxis dataKey={x} type="number" domain={["dataMin", "dataMax"]} scale="time" ticks={ticks} tickFormatter={time} stroke="var(--color-muted)" fontSize={11} />
            <YAxis
              yAxisId="left"
              stroke="var(--color-muted)"
              fontSize={11}
              tickFormatter={formatLeft}
              width={64}
              label={{ value: leftLabel, angle: -90, position: "insideLeft", fill: "var(--color-muted)", fontSize: 11 }}
            />
            {hasRight ? (
              <YAxis
                yAxisId="right"
                orientation="right"
                stroke="var(--color-muted)"
                fontSize={11}
                tickFormatter={formatRight}
                width={64}
                label={{ value: rightLabel ?? "", angle: 90, position: "insideRight", fill: "var(--color-muted)", fontSize: 11 }}
              />
            ) : null}
            <Tooltip
              contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", color: "var(--color-fg)", fontSize: 12 }}
              labelFormatter={(v) => (typeof v === "number" ? time(v) : String(v))}
              formatter={(value, name) => {
                const spec = byKey.get(String(name));
                const f = spec?.axis === "right" ? formatRight : formatLeft;
                return [typeof value === "number" && f ? f(value) : String(value), String(name)];
              }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Line
                key={s.key}
                yAxisId={s.axis ?? "left"}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={color(s.tone)}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "5 4" : undefined}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
