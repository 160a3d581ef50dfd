"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Tone } from "./time-series-chart";

export interface BarDatum {
  label: string;
  value: number;
  tone: Tone;
}

/** Horizontal bars (one per row, e.g. lag per partition), coloured by tone. */
export function BarListChart({ data, valueLabel, format, summary, testId }: { data: BarDatum[]; valueLabel: string; format: (v: number) => string; summary: string; testId?: string }) {
  const height = Math.min(480, 36 + data.length * 26);
  return (
    <figure data-testid={testId} className="w-full">
      <figcaption className="sr-only">{summary}</figcaption>
      <div style={{ height }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" stroke="var(--color-muted)" fontSize={11} tickFormatter={format} />
            <YAxis type="category" dataKey="label" stroke="var(--color-muted)" fontSize={11} width={Math.min(260, 12 + 7 * Math.max(...data.map((d) => d.label.length), 4))} />
            <Tooltip
              cursor={{ fill: "var(--color-surface-2)" }}
              contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", color: "var(--color-fg)", fontSize: 12 }}
              formatter={(v) => [typeof v === "number" ? format(v) : String(v), valueLabel]}
            />
            <Bar dataKey="value" name={valueLabel} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={`var(--color-${d.tone})`} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
