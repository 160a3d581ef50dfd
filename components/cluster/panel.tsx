import type { ReactNode } from "react";

export function Panel({ title, children, actions, testId }: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} aria-label={title} className="mb-6 rounded-lg border border-border bg-surface">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-4 py-2">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-muted">{title}</h2>
        {actions}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

export function Tile({ label, value, tone = "fg", testId, hint }: { label: string; value: ReactNode; tone?: "fg" | "ok" | "warn" | "bad" | "muted"; testId?: string; hint?: string }) {
  const color = { fg: "text-fg", ok: "text-ok", warn: "text-warn", bad: "text-bad", muted: "text-muted" }[tone];
  return (
    <div data-testid={testId} title={hint} className="rounded-lg border border-border bg-surface px-4 py-3">
      <div className="text-xs font-medium uppercase tracking-wide text-muted">{label}</div>
      <div data-testid={testId ? `${testId}-value` : undefined} className={`mt-1 font-mono text-xl font-semibold tabular-nums ${color}`}>
        {value}
      </div>
    </div>
  );
}

/** Error panel when nothing is on screen yet (with data on screen, the freshness bar says it). */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" data-testid="cluster-error" className="rounded-lg border border-bad/50 bg-bad/10 px-6 py-8 text-center">
      <p className="font-semibold text-bad">Live evidence unavailable</p>
      <p className="mx-auto mt-2 max-w-2xl text-sm">{message}</p>
      <button type="button" onClick={onRetry} className="mt-4 rounded border border-border bg-surface px-3 py-1 text-sm font-medium">
        Try again
      </button>
    </div>
  );
}

export function Collecting({ what }: { what: string }) {
  return (
    <div role="status" data-testid="cluster-loading" className="rounded-lg border border-dashed border-border bg-surface px-6 py-12 text-center text-sm text-muted">
      <span aria-hidden className="mr-2 inline-block h-3 w-3 animate-spin rounded-full border-2 border-accent border-t-transparent align-middle" />
      {what}
    </div>
  );
}
