"use client";
import { useState } from "react";
import { useActionVerb, useRequestAction } from "@/lib/client/hooks/use-mitigation";
import { roleAtLeast, type Role } from "@/lib/domain/auth/roles";
import { ACTION_LABELS, MODE_LABELS, RESET_MODES, type DryRun, type ReadBack, type ResetMode, type RollbackRecipe } from "@/lib/domain/mitigation/actions";
import type { ActionKind } from "@/lib/domain/mitigation/types";
import type { GuardedActionView, RequestActionBody } from "@/lib/schemas/mitigation";
import { BlastPill, buttonClass, inputClass, Pill, type Tone } from "./bits";

const STATUS_TONE: Record<GuardedActionView["status"], Tone> = {
  requested: "warn", approved: "accent", rejected: "muted", executed: "ok", failed: "bad", "rollback-requested": "warn", "rollback-approved": "accent", "rolled-back": "muted",
};

type Credential = NonNullable<GuardedActionView["requestedBy"]["via"]>;

/** "a browser session", "personal token “deploy-script”": which credential a request or approval used. */
function credentialText(via: Credential | null): string {
  if (!via) return "";
  if (via.kind === "session") return " with a browser session";
  return ` with ${via.tokenKind === "personal" ? "personal" : via.tokenKind === "machine" ? "machine" : "an"} token “${via.name}”`;
}

const clock = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "");

function Decisions({ action }: { action: GuardedActionView }) {
  const a = action.approvedBy;
  const r = action.rollbackRequest;
  const ra = action.rollbackApproval;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-muted" data-testid="action-decisions">
      <li>Requested by <strong className="text-fg">{action.requestedBy.name}</strong>{credentialText(action.requestedBy.via)}</li>
      {a ? (
        <li data-testid="action-approved-by">
          Approved by <strong className="text-fg">{a.name}</strong>{credentialText(a.via)}{a.at ? ` at ${clock(a.at)}` : ""}
          {a.expiresAt && action.status === "approved" ? ` · valid until ${clock(a.expiresAt)}` : ""}
          {action.decisionNote ? ` (“${action.decisionNote}”)` : ""}
        </li>
      ) : null}
      {action.requiredOwner ? <li data-testid="action-required-owner">Offsets of a catalogued group: approval by a person mapped to data owner <strong className="text-fg">{action.requiredOwner}</strong></li> : null}
      {r ? <li>Rollback requested by <strong className="text-fg">{r.by.name}</strong>{credentialText(r.via)} at {clock(r.at)}</li> : null}
      {ra ? <li data-testid="rollback-approved-by">Rollback approved by <strong className="text-fg">{ra.name}</strong>{credentialText(ra.via)} at {clock(ra.at)}{action.status === "rollback-approved" && ra.expiresAt ? ` · valid until ${clock(ra.expiresAt)}` : ""}</li> : null}
    </ul>
  );
}

export function RequestActionForm({ incidentId, initialKind, scope, onDone }: { incidentId: string; initialKind: ActionKind; scope: { topics: string[]; groups: string[] }; onDone: () => void }) {
  const request = useRequestAction(incidentId);
  const [kind, setKind] = useState<ActionKind>(initialKind);
  const [topic, setTopic] = useState(scope.topics[0] ?? "");
  const [groupId, setGroupId] = useState(scope.groups[0] ?? "");
  const [mode, setMode] = useState<ResetMode>("skip-one");
  const [partition, setPartition] = useState("0");
  const [offset, setOffset] = useState("0");
  const [at, setAt] = useState("");
  const [retentionHours, setRetentionHours] = useState("168");
  const [count, setCount] = useState("");
  const [note, setNote] = useState("");
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    let action: RequestActionBody["action"];
    if (kind === "reset-offsets") {
      action = { kind, groupId, topic, mode, ...(mode === "skip-one" ? { partition: Number(partition) } : {}), ...(mode === "offset" ? { offset: Number(offset) } : {}), ...(mode === "timestamp" ? { timestampMs: new Date(at).getTime() } : {}) };
    } else if (kind === "change-retention") action = { kind, topic, retentionMs: Math.round(Number(retentionHours) * 3_600_000) };
    else action = { kind, topic, count: Number(count) };
    request.mutate({ action, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: onDone });
  };
  const field = "flex flex-col gap-1 text-xs text-muted";
  return (
    <form onSubmit={submit} aria-label="Request a guarded action" className="rounded-lg border border-accent bg-surface p-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className={field}>Action
          <select className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as ActionKind)} data-testid="action-kind">
            {(Object.keys(ACTION_LABELS) as ActionKind[]).map((k) => <option key={k} value={k}>{ACTION_LABELS[k]}</option>)}
          </select>
        </label>
        <label className={field}>Topic<input className={inputClass} value={topic} onChange={(e) => setTopic(e.target.value)} required data-testid="action-topic" /></label>
        {kind === "reset-offsets" ? (
          <>
            <label className={field}>Consumer group<input className={inputClass} value={groupId} onChange={(e) => setGroupId(e.target.value)} required /></label>
            <label className={field}>Mode
              <select className={inputClass} value={mode} onChange={(e) => setMode(e.target.value as ResetMode)}>
                {RESET_MODES.map((m) => <option key={m} value={m}>{MODE_LABELS[m]}</option>)}
              </select>
            </label>
            {mode === "skip-one" ? <label className={field}>Partition<input className={`${inputClass} w-20`} type="number" min={0} value={partition} onChange={(e) => setPartition(e.target.value)} /></label> : null}
            {mode === "offset" ? <label className={field}>Offset<input className={`${inputClass} w-28`} type="number" min={0} value={offset} onChange={(e) => setOffset(e.target.value)} /></label> : null}
            {mode === "timestamp" ? <label className={field}>Time<input className={inputClass} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required /></label> : null}
          </>
        ) : null}
        {kind === "change-retention" ? <label className={field}>New retention (hours)<input className={`${inputClass} w-28`} type="number" min={0.001} step="any" value={retentionHours} onChange={(e) => setRetentionHours(e.target.value)} data-testid="action-retention-hours" /></label> : null}
        {kind === "add-partitions" ? <label className={field}>New total partitions<input className={`${inputClass} w-24`} type="number" min={1} value={count} onChange={(e) => setCount(e.target.value)} required /></label> : null}
        <label className={`${field} min-w-48 flex-1`}>Note (data owner, reason)<input className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} /></label>
      </div>
      <p className="mt-2 text-xs text-muted">Requesting computes a dry run from live Kafka; nothing changes until a second person approves and a commander executes.</p>
      <div className="mt-2 flex gap-2">
        <button type="submit" className={buttonClass("primary")} disabled={request.isPending} data-testid="action-request">{request.isPending ? "Computing dry run…" : "Request with dry run"}</button>
        <button type="button" className={buttonClass()} onClick={onDone}>Cancel</button>
      </div>
      {request.isError ? <p role="alert" className="mt-2 text-xs text-bad">{request.error.message}</p> : null}
    </form>
  );
}

function DryRunView({ dry }: { dry: DryRun }) {
  if (dry.kind === "reset-offsets") {
    return (
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-xs" aria-label="Dry run per partition">
          <thead className="text-muted"><tr><th className="py-1 pr-3">Partition</th><th className="pr-3">Committed now</th><th className="pr-3">New committed</th><th className="pr-3">Records</th><th>Retained range</th></tr></thead>
          <tbody>
            {dry.rows.map((r) => (
              <tr key={r.partition} className="border-t border-border font-mono">
                <td className="py-1 pr-3">{r.partition}</td>
                <td className="pr-3">{r.current ?? "none"}</td>
                <td className="pr-3">{r.target}</td>
                <td className={`pr-3 ${r.effect === "skips" ? "text-bad" : r.effect === "replays" ? "text-warn" : "text-muted"}`}>
                  {r.delta === null ? "first commit" : r.delta > 0 ? `+${r.delta} skipped` : r.delta < 0 ? `${r.delta} replayed` : "unchanged"}
                </td>
                <td className="text-muted">{r.logStartOffset ?? "?"}..{r.logEndOffset ?? "?"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (dry.kind === "change-retention") {
    return (
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-xs" aria-label="Config before and after">
          <thead className="text-muted"><tr><th className="py-1 pr-3">Config</th><th className="pr-3">Before</th><th>After</th></tr></thead>
          <tbody>
            {dry.changes.map((c) => (
              <tr key={c.key} className="border-t border-border font-mono"><td className="py-1 pr-3">{c.key}</td><td className="pr-3">{c.before ?? "unset"} <span className="text-muted">({c.beforeSource})</span></td><td data-testid="dry-after">{c.after}</td></tr>
            ))}
            {Object.entries(dry.keptOverrides).map(([k, v]) => (
              <tr key={k} className="border-t border-border font-mono text-muted"><td className="py-1 pr-3">{k}</td><td className="pr-3">{v}</td><td>{v} (kept)</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return <p className="mt-2 font-mono text-xs">partitions {dry.before} → {dry.after}</p>;
}

function ResultView({ result }: { result: ReadBack & { rollback?: unknown } }) {
  if (result.kind === "reset-offsets") {
    return <p className="text-xs">Read back from Kafka: {result.rows.map((r) => `p${r.partition} ${r.before ?? "none"} → ${r.after ?? "none"}${r.moved !== null ? ` (moved ${r.moved > 0 ? "+" : ""}${r.moved})` : ""}`).join(", ")} {result.ok ? "— as planned" : "— differs from the plan"}</p>;
  }
  if (result.kind === "change-retention") {
    return <p className="text-xs" data-testid="action-readback">Read back from Kafka: {Object.entries(result.after).map(([k, v]) => `${k}=${v}`).join(", ")} {result.ok ? "— as planned, other overrides kept" : `— differs (${result.lostOverrides.join(", ")} lost)`}</p>;
  }
  return <p className="text-xs">Read back from Kafka: {result.before} → {result.after} partitions</p>;
}

export function ActionCard({ incidentId, action, me }: { incidentId: string; action: GuardedActionView; me: { id: string; role: Role } | null }) {
  const verb = useActionVerb(incidentId);
  const dry = action.dryRun as DryRun;
  const rollback = action.rollback as RollbackRecipe;
  // people, not credentials: a request sent with my token, or a machine token I made, is mine too
  const mine = !!me && (me.id === action.requestedBy.id || me.id === action.requestedBy.accountableId);
  const mineRollback = !!me && !!action.rollbackRequest && (me.id === action.rollbackRequest.by.id || me.id === action.rollbackRequest.accountableId);
  const canDecide = !!me && roleAtLeast(me.role, "responder");
  const canRun = !!me && roleAtLeast(me.role, "commander");
  const run = (v: "approve" | "reject" | "execute" | "rollback") => verb.mutate({ actionId: action.id, verb: v });
  return (
    <article data-testid={`action-${action.id}`} data-status={action.status} className="rounded-lg border border-border bg-surface p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-semibold">{ACTION_LABELS[action.kind]}</h4>
        <Pill tone={STATUS_TONE[action.status]} testId="action-status">{action.status}</Pill>
        <BlastPill level={action.blastRadius.level} why={action.blastRadius.why} />
      </div>
      <p className="mt-1 text-xs text-muted">{dry.summary}</p>
      <Decisions action={action} />
      <DryRunView dry={dry} />
      {action.warnings.length ? <ul className="mt-2 list-disc space-y-0.5 pl-5 text-xs text-warn">{action.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
      <p className="mt-2 text-xs"><span className="font-semibold">Rollback recipe{rollback.automatic ? "" : " (manual)"}:</span> <span className="text-muted">{rollback.description}</span></p>
      {action.result ? <div className="mt-2"><ResultView result={action.result as ReadBack} /></div> : null}
      {action.error ? <p className="mt-1 text-xs text-bad">{action.error}</p> : null}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {action.status === "requested" && action.needsApproval ? (
          <span role="status" className="text-xs font-semibold text-warn" data-testid="waiting-approval">Waiting for approval by a second person{mine ? " (you cannot approve your own request)" : ""}</span>
        ) : null}
        {action.status === "requested" && canDecide && !mine ? (
          <>
            <button type="button" className={buttonClass("primary")} onClick={() => run("approve")} disabled={verb.isPending} data-testid="action-approve">Approve</button>
            <button type="button" className={buttonClass()} onClick={() => run("reject")} disabled={verb.isPending}>Reject</button>
          </>
        ) : null}
        {action.status === "approved" && canRun ? <button type="button" className={buttonClass("primary")} onClick={() => run("execute")} disabled={verb.isPending} data-testid="action-execute">{verb.isPending ? "Executing…" : "Execute on Kafka"}</button> : null}
        {action.status === "executed" && canRun && rollback.automatic ? (
          <button type="button" className={buttonClass("danger")} onClick={() => run("rollback")} disabled={verb.isPending} data-testid="action-rollback">{action.needsApproval ? "Request rollback" : "Roll back"}</button>
        ) : null}
        {action.status === "rollback-requested" ? (
          <span role="status" className="text-xs font-semibold text-warn" data-testid="waiting-rollback-approval">Rollback waits for approval by a second person{mineRollback ? " (you asked for it, so you cannot approve it)" : ""}</span>
        ) : null}
        {action.status === "rollback-requested" && canDecide && !mineRollback ? (
          <>
            <button type="button" className={buttonClass("primary")} onClick={() => run("approve")} disabled={verb.isPending} data-testid="rollback-approve">Approve rollback</button>
            <button type="button" className={buttonClass()} onClick={() => run("reject")} disabled={verb.isPending}>Decline rollback</button>
          </>
        ) : null}
        {action.status === "rollback-approved" && canRun ? <button type="button" className={buttonClass("danger")} onClick={() => run("rollback")} disabled={verb.isPending} data-testid="action-rollback-now">Roll back now</button> : null}
      </div>
      {verb.isError ? <p role="alert" className="mt-2 text-xs text-bad">{verb.error.message}</p> : null}
    </article>
  );
}
