"use client";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/api";
import { useChannels, useClusterRouting, useSaveClusterRouting } from "@/lib/client/hooks/use-notifications";
import type { ClusterRoutingView, PutClusterRoutingBody } from "@/lib/schemas/notifications";

const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm";
const button = "rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white disabled:opacity-60";

/** A cluster's routing defaults: its incident room, its approvers, and who owns the platform (the diagnosis and action owner of broker causes). */
export function ClusterRoutingForm({ cluster }: { cluster: string }) {
  const routing = useClusterRouting(cluster);
  // Kept here, not in the fields: a save changes updatedAt, which remounts the fields with the
  // stored values — the "Saved." they answered with must survive that.
  const [message, setMessage] = useState<FieldsProps["message"]>(null);
  return (
    <section aria-labelledby="cluster-routing-heading" className="rounded-lg border border-border bg-surface p-4">
      <h2 id="cluster-routing-heading" className="text-lg font-semibold">Cluster {cluster}</h2>
      <p className="mb-3 text-sm text-muted">
        The default channel hears every incident of the cluster; the approvers&apos; channel hears guarded actions waiting for a second person (the default channel when none is set). For broker,
        cluster and topic-design causes the diagnosis and action owners become the platform owner.
      </p>
      {routing.isPending ? <p className="text-sm text-muted">Loading…</p> : null}
      {routing.error ? <p role="alert" className="text-sm text-bad">Could not load the cluster&apos;s routing: {routing.error.message}</p> : null}
      {routing.data ? <RoutingFields key={routing.data.routing.updatedAt ?? "none"} cluster={cluster} routing={routing.data.routing} message={message} setMessage={setMessage} /> : null}
    </section>
  );
}

interface FieldsProps {
  cluster: string;
  routing: ClusterRoutingView;
  message: { text: string; failed: boolean } | null;
  setMessage: (message: { text: string; failed: boolean } | null) => void;
}

function RoutingFields({ cluster, routing, message, setMessage }: FieldsProps) {
  const channels = useChannels();
  const save = useSaveClusterRouting(cluster);
  const names = channels.data?.channels.map((c) => c.name) ?? [];
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim() || null;
    const ownerName = s("platformOwner.name");
    const ownerContact = s("platformOwner.contact");
    const body: PutClusterRoutingBody = {
      defaultChannel: s("defaultChannel"),
      approversChannel: s("approversChannel"),
      platformChannel: s("platformChannel"),
      platformRunbook: s("platformRunbook"),
      platformOwner: ownerName && ownerContact ? { name: ownerName, contact: ownerContact } : null,
    };
    setMessage(null);
    try {
      await save.mutateAsync(body);
      setMessage({ text: "Saved.", failed: false });
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : "saving failed", failed: true });
    }
  }
  const select = (name: keyof Pick<ClusterRoutingView, "defaultChannel" | "approversChannel" | "platformChannel">, label: string) => (
    <label className="block text-sm font-medium">
      {label}
      <select name={name} defaultValue={routing[name] ?? ""} className={input}>
        <option value="">none</option>
        {names.map((n) => (
          <option key={n} value={n}>{n}</option>
        ))}
      </select>
    </label>
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-3" data-testid="cluster-routing-form">
      {select("defaultChannel", "Default channel (incident room)")}
      {select("approversChannel", "Approvers' channel")}
      {select("platformChannel", "Platform team's channel")}
      <label className="block text-sm font-medium">
        Platform owner
        <input name="platformOwner.name" defaultValue={routing.platformOwner?.name ?? ""} placeholder="Streaming platform team" className={input} />
      </label>
      <label className="block text-sm font-medium">
        How to reach them
        <input name="platformOwner.contact" defaultValue={routing.platformOwner?.contact ?? ""} placeholder="pagerduty:PLATFORM" className={input} />
      </label>
      <label className="block text-sm font-medium">
        Platform runbook
        <input name="platformRunbook" type="url" defaultValue={routing.platformRunbook ?? ""} className={input} />
      </label>
      <div className="flex items-center gap-3 md:col-span-3">
        <button type="submit" disabled={save.isPending} className={button}>{save.isPending ? "Saving…" : "Save routing"}</button>
        {message ? <p role={message.failed ? "alert" : "status"} className={`text-sm ${message.failed ? "text-bad" : "text-ok"}`}>{message.text}</p> : null}
        {routing.updatedBy ? <span className="ml-auto text-xs text-muted">last changed by {routing.updatedBy}</span> : null}
      </div>
    </form>
  );
}
