"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { Viewer } from "@/lib/client/hooks/use-incidents";
import { useMe } from "@/lib/client/hooks/use-mitigation";
import { queryKeys } from "@/lib/client/query-keys";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import { KEY_TIME_LABELS, type KeyTime } from "@/lib/domain/incidents/types";

const EDITABLE: KeyTime[] = ["impactStart", "detected"];

/** ISO → the value of a datetime-local input in the browser's zone (minute precision). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function usePost(incidentId: string, path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch(`/api/incidents/${incidentId}/${path}`, { method: "POST", json: { ...body, idempotencyKey: crypto.randomUUID() } }),
    // not awaited: the form closes on the acknowledgement; the live stream already carries the entry
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.incident(incidentId) }),
  });
}

/**
 * The commander's corrections of when impact started vs when it was detected (MTTD rests on
 * both), taking command, and handing it over to another commander. Every change is a log entry.
 */
export function CommandControls({ incidentId, state, viewers }: { incidentId: string; state: IncidentState; viewers: Viewer[] }) {
  const keyTime = usePost(incidentId, "key-times");
  const command = usePost(incidentId, "command");
  const me = useMe().data?.principal;
  const commanding = me !== undefined && state.commander?.id === me.id;
  const [editing, setEditing] = useState<KeyTime | null>(null);
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [to, setTo] = useState("");
  // command goes to someone on the incident page now, with the commander role (the server checks too)
  const candidates = [...new Map(viewers.filter((v) => (v.role === "commander" || v.role === "admin") && v.userId !== state.commander?.id).map((v) => [v.userId, { id: v.userId, name: v.name }])).values()];
  const impact = state.keyTimes.impactStart;
  const detected = state.keyTimes.detected;
  const gap = impact && detected ? Math.round((Date.parse(detected) - Date.parse(impact)) / 60_000) : null;

  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-2 border-t border-border pt-3 text-sm" data-testid="command-controls">
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-muted">Key times</span>
          {EDITABLE.map((k) => (
            <button
              key={k}
              type="button"
              data-testid={`edit-keytime-${k}`}
              onClick={() => {
                setEditing(k);
                setValue(toLocalInput(state.keyTimes[k]));
                setNote("");
              }}
              className={`rounded-md border px-2 py-0.5 text-xs font-semibold hover:bg-surface-2 ${editing === k ? "border-accent" : "border-border"}`}
            >
              {state.keyTimes[k] ? `Correct ${KEY_TIME_LABELS[k].toLowerCase()}` : `Set ${KEY_TIME_LABELS[k].toLowerCase()}`}
            </button>
          ))}
          {gap !== null ? (
            <span className={`text-xs ${gap < 0 ? "text-bad" : "text-muted"}`} data-testid="detection-gap">
              {gap < 0 ? "detected before impact started: check both times" : `detected ${gap} min after impact started`}
            </span>
          ) : (
            <span className="text-xs text-muted">impact start unknown: MTTD cannot be computed</span>
          )}
        </div>
        {editing ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (!value) return;
              keyTime.mutate(
                { key: editing, at: new Date(value).toISOString(), ...(note.trim() ? { note: note.trim() } : {}), expectedVersion: state.itemVersions[`keytime:${editing}`] ?? 0 },
                { onSuccess: () => setEditing(null) },
              );
            }}
          >
            <label className="grid gap-0.5 text-xs">
              {KEY_TIME_LABELS[editing]} (your local time)
              <input type="datetime-local" required value={value} onChange={(e) => setValue(e.target.value)} data-testid="keytime-input" className="rounded-md border border-border bg-bg px-2 py-1 text-sm" />
            </label>
            <label className="grid gap-0.5 text-xs">
              Why (optional)
              <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. first failed invoice at 09:12" className="w-64 rounded-md border border-border bg-bg px-2 py-1 text-sm" />
            </label>
            <button type="submit" disabled={keyTime.isPending} data-testid="keytime-save" className="rounded-md bg-accent px-2.5 py-1 font-semibold text-bg disabled:opacity-50">Save</button>
            <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-border px-2.5 py-1">Cancel</button>
          </form>
        ) : null}
        {keyTime.error ? <p role="alert" className="text-xs text-bad">{keyTime.error.message}</p> : null}
      </div>
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          {me && !commanding ? (
            <button
              type="button"
              data-testid="take-command"
              disabled={command.isPending}
              onClick={() => command.mutate({ action: "take", expectedVersion: state.itemVersions["role:commander"] ?? 0 })}
              className="rounded-md bg-accent px-2.5 py-1 font-semibold text-bg disabled:opacity-50"
            >
              Take command
            </button>
          ) : null}
          <span className="text-muted">Hand over command to</span>
          <select aria-label="New commander" value={to} onChange={(e) => setTo(e.target.value)} data-testid="handover-to" className="rounded-md border border-border bg-bg px-2 py-1">
            <option value="">{candidates.length ? "choose…" : "nobody else here yet"}</option>
            {candidates.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <button
            type="button"
            data-testid="handover"
            disabled={!to || command.isPending}
            onClick={() => command.mutate({ action: "hand-over", userId: to, expectedVersion: state.itemVersions["role:commander"] ?? 0 }, { onSuccess: () => setTo("") })}
            className="rounded-md border border-border px-2.5 py-1 font-semibold hover:bg-surface-2 disabled:opacity-50"
          >
            Hand over
          </button>
        </div>
        {command.error ? <p role="alert" className="text-xs text-bad">{command.error.message}</p> : null}
      </div>
    </div>
  );
}
