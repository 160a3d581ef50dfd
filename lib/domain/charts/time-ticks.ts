/**
 * Round UTC instants for a time axis: about `target` ticks at a step a person reads at a glance
 * (10 s, 1 min, 15 min, 1 h…), every tick inside [fromMs, toMs]. Recharts left to itself on a
 * time scale put a tick on many samples, and their labels ran into each other.
 */
const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1_000);

export function timeTicks(fromMs: number, toMs: number, target = 5): number[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) return Number.isFinite(fromMs) ? [fromMs] : [];
  const wanted = (toMs - fromMs) / Math.max(1, target);
  const step = STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}
