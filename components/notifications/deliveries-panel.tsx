"use client";
import Link from "next/link";
import { useState } from "react";
import { Time } from "@/components/timeline/time";
import { useDeliveries, useRetryDelivery } from "@/lib/client/hooks/use-notifications";
import { DELIVERY_STATUSES, EVENT_LABELS, type DeliveryStatus } from "@/lib/domain/notifications/types";
import { DeliveryStatusBadge } from "./delivery-status-badge";

/** Every delivery with its status (admins): what went where, how many attempts, the receiver's last answer, and a retry for failed ones. */
export function DeliveriesPanel() {
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const deliveries = useDeliveries({ status });
  const retry = useRetryDelivery();
  const [open, setOpen] = useState<string | null>(null);
  const counts = deliveries.data?.counts;
  return (
    <section aria-labelledby="deliveries-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="deliveries-heading" className="mr-2 text-lg font-semibold">Deliveries</h2>
        <button type="button" onClick={() => setStatus(undefined)} aria-pressed={status === undefined} className={`rounded border px-2 py-1 text-xs ${status === undefined ? "border-accent text-fg" : "border-border text-muted"}`}>
          all
        </button>
        {DELIVERY_STATUSES.map((s) => (
          <button key={s} type="button" onClick={() => setStatus(s)} aria-pressed={status === s} data-testid={`deliveries-filter-${s}`} className={`rounded border px-2 py-1 text-xs ${status === s ? "border-accent text-fg" : "border-border text-muted"}`}>
            {s} {counts ? <span className="font-mono">{counts[s]}</span> : null}
          </button>
        ))}
      </div>
      {deliveries.isPending ? <p className="text-sm text-muted">Loading deliveries…</p> : null}
      {deliveries.error ? <p role="alert" className="text-sm text-bad">Could not load the deliveries: {deliveries.error.message}</p> : null}
      {deliveries.data && deliveries.data.deliveries.length === 0 ? <p className="text-sm text-muted">No deliveries{status ? ` ${status}` : " yet"}.</p> : null}
      {deliveries.data && deliveries.data.deliveries.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="deliveries-table">
            <thead>
              <tr className="border-b border-border text-left text-muted">
                <th className="py-2 pr-3 font-medium">Queued</th>
                <th className="py-2 pr-3 font-medium">Channel</th>
                <th className="py-2 pr-3 font-medium">Event</th>
                <th className="py-2 pr-3 font-medium">Incident</th>
                <th className="py-2 pr-3 font-medium">Status</th>
                <th className="py-2 pr-3 font-medium">Attempts</th>
                <th className="py-2 pr-3 font-medium">Last answer</th>
                <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.deliveries.map((d) => (
                <tr key={d.id} className="border-b border-border/60 align-top" data-testid="delivery-row" data-channel={d.channelName} data-event={d.event}>
                  <td className="py-2 pr-3 whitespace-nowrap"><Time iso={d.createdAt} /></td>
                  <td className="py-2 pr-3 font-mono text-xs">{d.channelName}</td>
                  <td className="py-2 pr-3">
                    {EVENT_LABELS[d.event]}
                    <div className="text-xs text-muted">for {d.audience.join(", ")}</div>
                  </td>
                  <td className="py-2 pr-3"><Link className="text-accent underline" href={`/incidents/${d.incidentId}`}>#{d.entrySeq} of {d.incidentId.slice(-8)}</Link></td>
                  <td className="py-2 pr-3">
                    <DeliveryStatusBadge status={d.status} />
                    {d.nextAttemptAt && d.status === "retrying" ? <div className="text-xs text-muted">next <Time iso={d.nextAttemptAt} /></div> : null}
                  </td>
                  <td className="py-2 pr-3 font-mono">{d.attempts}</td>
                  <td className="max-w-xs py-2 pr-3 text-xs">{d.lastError ?? (d.lastStatus !== null ? `HTTP ${d.lastStatus}` : "—")}</td>
                  <td className="whitespace-nowrap py-2">
                    <button type="button" className="mr-2 text-accent underline" onClick={() => setOpen(open === d.id ? null : d.id)} aria-expanded={open === d.id}>Body</button>
                    {d.status === "failed" || d.status === "retrying" ? (
                      <button type="button" className="text-accent underline" disabled={retry.isPending} onClick={() => retry.mutate(d.id)}>Send again</button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {open ? <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-surface-2 p-3 text-xs" data-testid="delivery-body">{prettyBody(deliveries.data.deliveries.find((d) => d.id === open)?.body ?? "")}</pre> : null}
        </div>
      ) : null}
    </section>
  );
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
