export default function Loading() {
  return (
    <div aria-busy="true" className="grid gap-3">
      <div className="h-28 animate-pulse rounded-lg bg-surface-2" />
      <div className="h-10 w-96 animate-pulse rounded bg-surface-2" />
      <div className="h-64 animate-pulse rounded-lg bg-surface-2" />
      <span className="sr-only">Loading the incident…</span>
    </div>
  );
}
