"use client";
import { CHART_WINDOW_LABEL, CHART_WINDOWS, type ChartWindow } from "@/lib/client/chart-windows";

/** The "Window" select of the group and broker charts (its value lives in the URL: see the callers). */
export function ChartWindowSelect({ value, onChange, testId, className = "" }: { value: ChartWindow; onChange: (raw: string) => void; testId: string; className?: string }) {
  return (
    <label className={`flex items-center gap-2 text-sm ${className}`}>
      <span className="text-muted">Window</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-border bg-surface-2 px-2 py-1">
        {CHART_WINDOWS.map((w) => (
          <option key={w} value={w}>
            {CHART_WINDOW_LABEL[w]}
          </option>
        ))}
      </select>
    </label>
  );
}
