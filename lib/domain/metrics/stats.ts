/** Median of the values (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/**
 * Percentile by linear interpolation between closest ranks (the "R-7" / spreadsheet
 * PERCENTILE.INC definition); null when empty.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Monday 00:00 UTC of the ISO week containing `t` (epoch ms), as yyyy-mm-dd. */
export function weekOf(t: number): string {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
  return new Date(monday).toISOString().slice(0, 10);
}

/** Every week from the one containing `from` to the one containing `to`, in order. */
export function weeksBetween(from: number, to: number): string[] {
  const out: string[] = [];
  let t = Date.parse(`${weekOf(from)}T00:00:00Z`);
  const end = Date.parse(`${weekOf(to)}T00:00:00Z`);
  while (t <= end && out.length < 520) {
    out.push(new Date(t).toISOString().slice(0, 10));
    t += 7 * 86_400_000;
  }
  return out;
}
