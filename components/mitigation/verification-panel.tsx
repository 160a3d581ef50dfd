"use client";
import { useState } from "react";
import { useRecordVerification, useVerification } from "@/lib/client/hooks/use-mitigation";
import { buttonClass, inputClass, Pill, PRE_ICON, PRE_TONE } from "./bits";


/** Seed 002's checks before resolve, on live evidence, with their current values. */
export function VerificationPanel({ incidentId, canRecord }: { incidentId: string; canRecord: boolean }) {
  const [open, setOpen] = useState(false);
  const [slo, setSlo] = useState("");
  const [period, setPeriod] = useState("300");
  const sloSeconds = slo ? Number(slo) * 60 : null;
  const periodSeconds = Math.max(10, Number(period) || 300);
  const query = useVerification(incidentId, sloSeconds, periodSeconds, open);
  const record = useRecordVerification(incidentId);
  const v = record.data ?? query.data;
  return (
    <section aria-label="Verification before resolve" className="rounded-lg border border-border bg-surface p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">Verify recovery before resolving</h3>
        {v ? <Pill tone={v.ready ? "ok" : "warn"} testId="verification-ready">{v.ready ? "ready to resolve" : "not yet"}</Pill> : null}
      </div>
      <form className="mt-2 flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); setOpen(true); if (canRecord) record.mutate({ noGrowthSeconds: periodSeconds, ...(sloSeconds ? { freshnessSloSeconds: sloSeconds } : {}) }); }}>
        <label className="flex flex-col gap-1 text-xs text-muted">Freshness SLO (minutes)<input className={`${inputClass} w-28`} type="number" min={0.1} step="any" value={slo} onChange={(e) => setSlo(e.target.value)} placeholder="from severity" /></label>
        <label className="flex flex-col gap-1 text-xs text-muted">No growth for (seconds)<input className={`${inputClass} w-28`} type="number" min={10} value={period} onChange={(e) => setPeriod(e.target.value)} /></label>
        <button type="submit" className={buttonClass("primary")} disabled={record.isPending || query.isFetching}>{record.isPending || query.isFetching ? "Reading Kafka…" : canRecord ? "Check and record" : "Check"}</button>
      </form>
      {v ? (
        <ul className="mt-2 space-y-1">
          {v.checks.map((c) => (
            <li key={c.id} className="flex gap-2 text-xs" data-testid={`check-${c.id}`}>
              <span aria-hidden className={`w-4 text-center font-bold ${PRE_TONE[c.status === "pending" ? "pending" : c.status] === "ok" ? "text-ok" : c.status === "fail" ? "text-bad" : "text-muted"}`}>{PRE_ICON[c.status]}</span>
              <span><span className="font-semibold">{c.title}</span> <span className="sr-only">({c.status})</span><span className="text-muted"> — {c.current}</span></span>
            </li>
          ))}
        </ul>
      ) : null}
      {v?.warnings.length ? <p className="mt-1 text-xs text-warn">{v.warnings.join("; ")}</p> : null}
      {record.isError || query.isError ? <p role="alert" className="mt-1 text-xs text-bad">{(record.error ?? query.error)?.message}</p> : null}
    </section>
  );
}
