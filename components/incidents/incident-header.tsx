"use client";
import { useState } from "react";
import { ProposalBar } from "@/components/severity/proposal-bar";
import { SeverityBadge } from "@/components/severity/severity-badge";
import { Time } from "@/components/timeline/time";
import { ApiError } from "@/lib/client/api";
import { useChangeStatus, type StreamStatus, type Viewer } from "@/lib/client/hooks/use-incidents";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import type { CurrentProposalView } from "@/lib/schemas/severity";
import { KEY_TIMES, KEY_TIME_LABELS, STATUS_LABELS, STATUS_TRANSITIONS } from "@/lib/domain/incidents/types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { METRICS, METRIC_LABELS } from "@/lib/domain/metrics/types";
import { CommandControls } from "./command-controls";
import { StatusBadge } from "./status-badge";


function Presence({ viewers }: { viewers: Viewer[] }) {
  return (
    <ul aria-label="Viewing now" data-testid="presence" className="flex -space-x-2">
      {viewers.map((v) => (
        <li key={v.userId} title={`${v.name} (${v.role}) is viewing`} data-testid="presence-avatar" className="flex h-8 w-8 items-center justify-center rounded-full border-2 border-surface bg-surface-2 text-xs font-bold">
          {v.name.split(/\s+/).map((p) => p[0]).join("").slice(0, 2).toUpperCase()}
        </li>
      ))}
    </ul>
  );
}

export function IncidentHeader({ incidentId, state, proposal, viewers, stream, canCommand }: { incidentId: string; state: IncidentState; proposal: CurrentProposalView | null; viewers: Viewer[]; stream: StreamStatus; canCommand: boolean }) {
  const change = useChangeStatus(incidentId);
  const [overrideReason, setOverrideReason] = useState("");
  const [falseAlarmReason, setFalseAlarmReason] = useState<string | null>(null);
  const next = STATUS_TRANSITIONS[state.status];
  const unverified = change.error instanceof ApiError && change.error.status === 412;
  return (
    <header className="mb-4 grid gap-3 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-center gap-3">
        <SeverityBadge level={state.severity} testId="header-severity" />
        <StatusBadge status={state.status} testId="header-status" />
        <h1 className="text-xl font-bold tracking-tight" data-testid="incident-title">{state.title}</h1>
        <div className="ml-auto flex items-center gap-3">
          <span data-testid="stream-status" className={`text-xs ${stream === "live" ? "text-ok" : "text-warn"}`}>
            {stream === "live" ? "● live" : stream === "connecting" ? "○ connecting…" : "○ reconnecting — showing what was last received"}
          </span>
          <Presence viewers={viewers} />
        </div>
      </div>
      <ProposalBar incidentId={incidentId} state={state} proposal={proposal} canDecide={canCommand} />
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <span>Commander: <strong data-testid="commander">{state.commander?.name ?? "nobody"}</strong></span>
        <span className="text-muted">{state.cluster} · groups {state.scope.groups.join(", ") || "–"} · topics {state.scope.topics.join(", ") || "–"}</span>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] sm:gap-x-6">
        {KEY_TIMES.map((k) => (
          <div key={k}>
            <dt className="text-muted">{KEY_TIME_LABELS[k]}</dt>
            <dd>{state.keyTimes[k] ? <Time iso={state.keyTimes[k]} /> : "–"}</dd>
          </div>
        ))}
        {METRICS.map((m) => (
          <div key={m} title={`${METRIC_LABELS[m].long}: ${METRIC_LABELS[m].from} → ${METRIC_LABELS[m].to}`}>
            <dt className="text-muted">{METRIC_LABELS[m].short}</dt>
            <dd data-testid={`header-${m}`}>{formatDuration(state.metrics[`${m}Seconds`])}</dd>
          </div>
        ))}
      </dl>
      {state.mitigation.confirmed || state.falseAlarm ? (
        <p className="text-xs text-muted" data-testid="mttx-basis">
          {state.mitigation.confirmed ? (
            state.mitigation.confirmed.evidenceAt ? (
              <>Mitigated when the evidence showed recovery (<Time iso={state.mitigation.confirmed.evidenceAt} />), confirmed by {state.mitigation.confirmed.by} at <Time iso={state.mitigation.confirmed.at} />.</>
            ) : (
              <>Mitigated on {state.mitigation.confirmed.by}&apos;s word at <Time iso={state.mitigation.confirmed.at} /> (the recovery checks never passed).</>
            )
          ) : null}
          {state.falseAlarm ? <strong className="ml-1 text-warn" data-testid="false-alarm">Not an incident (false alarm): {state.falseAlarm.reason} — left out of the MTTx aggregates.</strong> : null}
        </p>
      ) : null}
      {canCommand && state.status !== "closed" ? <CommandControls incidentId={incidentId} state={state} viewers={viewers} /> : null}
      {canCommand && next.length ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted">Move to</span>
          {next.map((s) => (
            <button
              key={s}
              type="button"
              data-testid={`status-${s}`}
              disabled={change.isPending}
              onClick={() => change.mutate({ to: s, expectedVersion: state.itemVersions.status ?? 0 })}
              className="rounded-md border border-border px-2.5 py-1 font-semibold hover:bg-surface-2 disabled:opacity-50"
            >
              {STATUS_LABELS[s]}
            </button>
          ))}
          <button type="button" data-testid="false-alarm-open" onClick={() => setFalseAlarmReason((r) => (r === null ? "" : null))} className="rounded-md border border-border px-2.5 py-1 text-muted hover:bg-surface-2">
            Not an incident…
          </button>
          {change.error ? <span role="alert" className="text-bad">{change.error.message}</span> : null}
          {falseAlarmReason !== null ? (
            <div className="flex w-full flex-wrap items-end gap-2" data-testid="false-alarm-form">
              <label className="grid min-w-72 flex-1 gap-1">
                <span className="text-xs text-muted">Close as a false alarm: why was this not an incident? (recorded; left out of MTTx and the dashboard)</span>
                <input value={falseAlarmReason} onChange={(e) => setFalseAlarmReason(e.target.value)} data-testid="false-alarm-reason" className="rounded-md border border-border bg-bg px-2 py-1" />
              </label>
              <button
                type="button"
                data-testid="false-alarm-confirm"
                disabled={falseAlarmReason.trim().length < 10 || change.isPending}
                onClick={() => change.mutate({ to: "closed", expectedVersion: state.itemVersions.status ?? 0, falseAlarm: falseAlarmReason.trim() }, { onSuccess: () => setFalseAlarmReason(null) })}
                className="rounded-md border border-warn px-2.5 py-1 font-semibold text-warn disabled:opacity-50"
              >
                Close as false alarm
              </button>
            </div>
          ) : null}
          {unverified ? (
            <div className="flex w-full flex-wrap items-end gap-2" data-testid="resolve-override">
              <label className="grid min-w-72 flex-1 gap-1">
                <span className="text-xs text-muted">Resolve anyway: why is it safe although the checks do not pass? (recorded in the log)</span>
                <input value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} className="rounded-md border border-border bg-bg px-2 py-1" />
              </label>
              <button
                type="button"
                disabled={overrideReason.trim().length < 10 || change.isPending}
                onClick={() => change.mutate({ to: "resolution", expectedVersion: state.itemVersions.status ?? 0, verificationOverride: overrideReason.trim() })}
                className="rounded-md border border-bad px-2.5 py-1 font-semibold text-bad disabled:opacity-50"
              >
                Resolve with override
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}
