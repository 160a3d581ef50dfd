"use client";

export default function IncidentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-bad bg-surface p-6">
      <h2 className="text-lg font-semibold">This incident could not be shown</h2>
      <p className="mt-1 text-sm text-muted">The server answered with an error{error.digest ? ` (digest ${error.digest})` : ""}. The log is safe: nothing is lost by retrying.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md border border-border px-3 py-1.5 text-sm font-semibold">Try again</button>
    </div>
  );
}
