"use client";
import { useState } from "react";
import { useRecordEvent } from "@/lib/client/hooks/use-incidents";
import type { IncidentScope } from "@/lib/domain/incidents/types";

const TYPES = [
  ["deploy", "Deploy"],
  ["schema-change", "Schema change"],
  ["config-change", "Config change"],
] as const;

/**
 * Records a deploy, schema change or config change for the incident's scope from the incident
 * page: it is kept for the scope (an incident opened later finds it too), lands on this
 * incident's timeline and charts, and the diagnosis lines it up with the lag start.
 */
export function RecordEventForm({ scope }: { scope: IncidentScope }) {
  const record = useRecordEvent();
  const [type, setType] = useState<(typeof TYPES)[number][0]>("deploy");
  const [description, setDescription] = useState("");
  const [service, setService] = useState("");
  const [when, setWhen] = useState("");
  const submit = () =>
    record.mutate(
      {
        type,
        description: description.trim(),
        ...(service.trim() ? { service: service.trim() } : {}),
        ...(when ? { at: new Date(when).toISOString() } : {}),
        topics: scope.topics,
        groups: scope.groups,
      },
      { onSuccess: () => { setDescription(""); setWhen(""); } },
    );
  return (
    <details className="mb-4 rounded-lg border border-border bg-surface p-3 text-sm" data-testid="record-event">
      <summary className="cursor-pointer font-semibold">Record a deploy, schema or config change</summary>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="grid gap-1 text-xs">
          What
          <select data-testid="event-type" value={type} onChange={(e) => setType(e.target.value as typeof type)} className="rounded-md border border-border bg-bg px-2 py-1 text-sm">
            {TYPES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </label>
        <label className="grid min-w-64 flex-1 gap-1 text-xs">
          Description
          <input data-testid="event-description" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="billing-sink v2.4.1 rolled out" className="rounded-md border border-border bg-bg px-2 py-1 text-sm" />
        </label>
        <label className="grid gap-1 text-xs">
          Service
          <input data-testid="event-service" value={service} onChange={(e) => setService(e.target.value)} className="w-40 rounded-md border border-border bg-bg px-2 py-1 text-sm" />
        </label>
        <label className="grid gap-1 text-xs">
          When (default now)
          <input data-testid="event-at" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} className="rounded-md border border-border bg-bg px-2 py-1 text-sm" />
        </label>
        <button type="button" data-testid="event-record" disabled={description.trim().length === 0 || record.isPending} onClick={submit} className="rounded-md bg-accent px-3 py-1.5 font-semibold text-bg disabled:opacity-50">
          Record
        </button>
      </div>
      <p className="mt-1 text-xs text-muted">Kept for {[...scope.topics, ...scope.groups].join(", ") || "this incident's scope"} even after the incident closes.</p>
      {record.error ? <p role="alert" className="text-bad">{record.error.message}</p> : null}
    </details>
  );
}
