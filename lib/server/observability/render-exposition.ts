/**
 * Ripcord's own metrics (./registry.ts) in the Prometheus text exposition format 0.0.4:
 * `# HELP` / `# TYPE` per family, one line per series, histograms as cumulative `_bucket{le}`
 * lines with `+Inf`, `_sum` and `_count`. Label values escaped (backslash, quote, newline).
 */
import { allFamilies, type HistogramState, type MetricFamily } from "./registry";

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const escapeHelp = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

function labels(names: readonly string[], values: string[], extra: [string, string][] = []): string {
  const pairs = [...names.map((n, i) => [n, values[i] ?? ""] as [string, string]), ...extra];
  return pairs.length ? `{${pairs.map(([n, v]) => `${n}="${escapeLabel(v)}"`).join(",")}}` : "";
}

const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN");

function renderFamily(f: MetricFamily): string[] {
  const out = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`];
  for (const [key, value] of [...f.series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const values = key.split("\u0000");
    if (f.type !== "histogram") {
      out.push(`${f.name}${labels(f.labelNames, values)} ${num(value as number)}`);
      continue;
    }
    const h = value as HistogramState;
    (f.buckets ?? []).forEach((le, i) => out.push(`${f.name}_bucket${labels(f.labelNames, values, [["le", String(le)]])} ${h.counts[i] ?? 0}`));
    out.push(`${f.name}_bucket${labels(f.labelNames, values, [["le", "+Inf"]])} ${h.count}`);
    out.push(`${f.name}_sum${labels(f.labelNames, values)} ${num(h.sum)}`);
    out.push(`${f.name}_count${labels(f.labelNames, values)} ${h.count}`);
  }
  return out;
}

export function renderExposition(families: readonly MetricFamily[] = allFamilies()): string {
  return families.flatMap(renderFamily).join("\n") + "\n";
}
