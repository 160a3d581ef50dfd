/** Display formatting for the Cluster pages. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Math.round(n).toLocaleString("en-US");
}

export function formatRate(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return `${n >= 100 ? formatCount(n) : n.toFixed(n >= 10 ? 0 : 1)}/s`;
}

export { formatBytes } from "@/lib/domain/evidence/bytes";

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms >= 86_400_000 && ms % 3_600_000 === 0) return `${(ms / 86_400_000).toFixed(ms % 86_400_000 ? 1 : 0)} d`;
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms} ms`;
}
