/** Human numbers for precondition texts: "6 h", "1,200", "30 rec/s". Pure and locale-stable. */
export function fmtInt(n: number): string {
  const s = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${s}` : s;
}

export function fmtRate(n: number): string {
  return `${Math.abs(n) >= 10 ? fmtInt(n) : (Math.round(n * 10) / 10).toString()} rec/s`;
}
