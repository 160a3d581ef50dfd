/** Human numbers for precondition texts: "6 h", "1,200", "30 rec/s". Pure and locale-stable. */
export function fmtInt(n: number): string {
  const s = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${s}` : s;
}

export function fmtRate(n: number): string {
  return `${Math.abs(n) >= 10 ? fmtInt(n) : (Math.round(n * 10) / 10).toString()} rec/s`;
}

/** Seconds to the largest sensible unit, one decimal at most: 21600 → "6 h", 90 → "1.5 min". */
export function fmtDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const one = (v: number) => (Math.round(v * 10) / 10).toString();
  if (s < 90) return `${one(s)} s`;
  if (s < 90 * 60) return `${one(s / 60)} min`;
  if (s < 48 * 3600) return `${one(s / 3600)} h`;
  return `${one(s / 86400)} d`;
}
