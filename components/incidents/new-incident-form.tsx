"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/api";
import { useClusters } from "@/lib/client/hooks/use-clusters";
import { useOpenIncident } from "@/lib/client/hooks/use-incidents";

const field = "rounded-md border border-border bg-surface px-3 py-2 text-sm";
const list = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

export function NewIncidentForm() {
  const router = useRouter();
  const open = useOpenIncident();
  const clusters = useClusters();
  // "" until chosen: the default cluster (the server reads a missing cluster as the default)
  const [form, setForm] = useState({ title: "", cluster: "", topics: "", groups: "", services: "", summary: "", impactStartedAt: "" });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { incident } = await open.mutateAsync({
      title: form.title,
      cluster: form.cluster || clusters.data?.defaultCluster || undefined,
      scope: { topics: list(form.topics), groups: list(form.groups), services: list(form.services) },
      summary: form.summary || undefined,
      impactStartedAt: form.impactStartedAt ? new Date(form.impactStartedAt).toISOString() : undefined,
    });
    router.push(`/incidents/${incident.id}`);
  };
  const fieldErrors = open.error instanceof ApiError ? open.error.fieldErrors : [];
  return (
    <form onSubmit={(e) => void submit(e).catch(() => undefined)} className="grid max-w-2xl gap-4 rounded-lg border border-border bg-surface p-6">
      <label className="grid gap-1 text-sm font-medium">
        Title
        <input data-testid="incident-title" required minLength={3} value={form.title} onChange={set("title")} className={field} placeholder="billing-consumer lag rising" autoFocus />
      </label>
      <div className="grid grid-cols-2 gap-4">
        <label className="grid gap-1 text-sm font-medium">
          Consumer groups <span className="text-xs font-normal text-muted">comma or space separated</span>
          <input data-testid="incident-groups" value={form.groups} onChange={set("groups")} className={field} />
        </label>
        <label className="grid gap-1 text-sm font-medium">
          Topics
          <input data-testid="incident-topics" value={form.topics} onChange={set("topics")} className={field} />
        </label>
        <label className="grid gap-1 text-sm font-medium">
          Services
          <input value={form.services} onChange={set("services")} className={field} />
        </label>
        <label className="grid gap-1 text-sm font-medium">
          Cluster
          <select data-testid="incident-cluster" value={form.cluster || clusters.data?.defaultCluster || ""} onChange={set("cluster")} className={field} disabled={!clusters.data?.clusters.length}>
            {clusters.data?.clusters.length ? (
              clusters.data.clusters.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                  {c.default ? " (default)" : ""} · {c.environment} · {c.health.state}
                </option>
              ))
            ) : (
              <option value="">{clusters.isPending ? "reading clusters…" : "default cluster"}</option>
            )}
          </select>
        </label>
      </div>
      <label className="grid gap-1 text-sm font-medium">
        Impact started at <span className="text-xs font-normal text-muted">your local time; detection is recorded now, separately (MTTD)</span>
        <input type="datetime-local" value={form.impactStartedAt} onChange={set("impactStartedAt")} className={field} />
      </label>
      <label className="grid gap-1 text-sm font-medium">
        Summary
        <textarea value={form.summary} onChange={set("summary")} rows={3} className={field} />
      </label>
      {open.error ? (
        <p role="alert" className="text-sm text-bad">
          {open.error.message}
          {fieldErrors.map((f) => (
            <span key={f.path} className="block">{f.path}: {f.message}</span>
          ))}
        </p>
      ) : null}
      <div>
        <button data-testid="open-incident" type="submit" disabled={open.isPending} className="rounded-md bg-bad px-4 py-2 text-sm font-semibold text-bg disabled:opacity-60">
          {open.isPending ? "Opening…" : "Open incident"}
        </button>
      </div>
    </form>
  );
}
