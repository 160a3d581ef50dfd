"use client";
import { SeverityBadge } from "@/components/severity/severity-badge";
import { describeEntry } from "@/lib/domain/incidents/entry-kinds";
import { KEY_TIME_LABELS, STATUS_LABELS, type IncidentEntry, type KnownPayloads } from "@/lib/domain/incidents/types";
import { STAKEHOLDER_UPDATE_KIND, type StakeholderUpdatePayload } from "@/lib/domain/notifications/updates";
import { OWNERS_SUGGESTED_KIND, ROUTING_CHANGED_KIND, type OwnersSuggestedPayload } from "@/lib/domain/routing/types";
import { SafeMarkdown } from "./markdown";
import { Time } from "./time";

type P<K extends keyof KnownPayloads> = KnownPayloads[K];

const ANNOTATION_TONE: Record<string, string> = {
  observation: "border-accent",
  hypothesis: "border-warn",
  action: "border-sev2",
  decision: "border-ok",
  communication: "border-sev4",
  "did-not-change": "border-muted",
};

function Body({ entry }: { entry: IncidentEntry }) {
  const p = entry.payload as Record<string, unknown>;
  switch (entry.kind) {
    case "annotation": {
      const a = p as unknown as P<"annotation">;
      return (
        <>
          <SafeMarkdown text={a.body} />
          {a.links.length ? (
            <ul className="mt-1 text-xs">
              {a.links.map((l) => (
                <li key={l.url}><a className="text-accent underline" href={l.url} target="_blank" rel="noopener noreferrer nofollow">{l.label ?? l.url}</a></li>
              ))}
            </ul>
          ) : null}
          {a.evidence ? <p className="mt-1 text-xs text-muted">Evidence: {a.evidence.kind} {a.evidence.ref}</p> : null}
        </>
      );
    }
    case "incident-opened": {
      const o = p as unknown as P<"incident-opened">;
      return <p className="text-sm">Opened <strong>{o.title}</strong> on {o.cluster} — groups: {o.scope.groups.join(", ") || "–"}; topics: {o.scope.topics.join(", ") || "–"}{o.summary ? `. ${o.summary}` : ""}</p>;
    }
    case "status-changed": {
      const s = p as unknown as P<"status-changed">;
      return (
        <div className="grid gap-1 text-sm">
          <p>Status {STATUS_LABELS[s.from]} → <strong>{STATUS_LABELS[s.to]}</strong>{s.note ? ` — ${s.note}` : ""}</p>
          {s.verification ? (
            <p className={`text-xs ${s.verification.ready ? "text-ok" : "text-warn"}`} data-testid="resolution-verification">
              {s.verification.ready ? "Recovery verified" : "Recovery NOT verified"}: {s.verification.checks.map((c) => `${c.title} (${c.status}: ${c.current})`).join("; ")}
            </p>
          ) : null}
          {s.override ? <p className="text-xs" data-testid="resolution-override"><strong>Override:</strong> {s.override.reason}</p> : null}
        </div>
      );
    }
    case "severity-proposed": {
      const s = p as unknown as P<"severity-proposed">;
      return (
        <div className="text-sm">
          {s.auto ? "The evidence now points to" : "Proposed on the commander's answers:"} <SeverityBadge level={s.level} />
          {s.previousLevel && s.previousLevel !== s.level ? <span className="text-xs text-muted"> (was {s.previousLevel.replace("SEV", "SEV-")})</span> : null}
          <ul className="mt-1 list-disc pl-5 text-xs text-muted">{s.reasons.map((r, i) => <li key={i}>{r.text}</li>)}</ul>
        </div>
      );
    }
    case "severity-set": {
      const s = p as unknown as P<"severity-set">;
      return <p className="text-sm">Severity <SeverityBadge level={s.level} /> {s.decision === "accepted" ? "accepted" : `overridden (proposal was ${s.proposedLevel ?? "none"})`}{s.rationale ? <> — <em>{s.rationale}</em></> : null}</p>;
    }
    case "role-changed": {
      const r = p as unknown as P<"role-changed">;
      return <p className="text-sm">{r.userName} {r.action === "took" ? "took" : r.action === "handed-over" ? "was handed" : r.action} {r.role === "commander" ? "command" : "part"}</p>;
    }
    case "key-time-set": {
      const k = p as unknown as P<"key-time-set">;
      return <p className="text-sm">{KEY_TIME_LABELS[k.key]} set to <Time iso={k.at} />{k.note ? ` — ${k.note}` : ""}</p>;
    }
    case "event": {
      const e = p as unknown as P<"event">;
      return <p className="text-sm"><strong>{e.type}</strong>{e.service ? ` of ${e.service}` : ""} at <Time iso={e.at} />: {e.description}{e.url ? <> (<a className="text-accent underline" href={e.url} target="_blank" rel="noopener noreferrer">link</a>)</> : null}</p>;
    }
    case "correction":
      return <SafeMarkdown text={String(p.body ?? "")} />;
    case OWNERS_SUGGESTED_KIND: {
      const o = p as unknown as OwnersSuggestedPayload;
      const names = (xs: { name: string }[]) => xs.map((x) => x.name).join(", ") || "nobody known";
      return <p className="text-sm">Routed: impact {names(o.owners.impact)}; diagnosis {names(o.owners.diagnosis)}; action {names(o.owners.action)}{o.unmatched.length ? ` (not in the catalog: ${o.unmatched.map((u) => u.name).join(", ")})` : ""}</p>;
    }
    case ROUTING_CHANGED_KIND:
      return <p className="text-sm">{String(p.summary ?? "")}</p>;
    case STAKEHOLDER_UPDATE_KIND: {
      const u = p as unknown as StakeholderUpdatePayload;
      return (
        <div className="text-sm">
          <p><strong>Known:</strong> {u.known}</p>
          <p><strong>Impact:</strong> {u.impact}</p>
          <p><strong>Next:</strong> {u.next}</p>
          <p className="text-xs text-muted">Next update: {u.nextUpdateAt ? <Time iso={u.nextUpdateAt} /> : "none promised"}</p>
        </div>
      );
    }
    default: {
      const { text, note } = describeEntry(entry);
      return (
        <>
          <p className="text-sm">{text}</p>
          {note ? <p className="mt-0.5 text-sm text-muted" data-testid="entry-note"><span className="font-semibold">Note:</span> {note}</p> : null}
        </>
      );
    }
  }
}

/** The entry's label, from the one registry of kinds (lib/domain/incidents/entry-kinds.ts). */
export function entryLabel(entry: IncidentEntry): string {
  return describeEntry(entry).label;
}

/** Where a virtualized timeline draws this entry (absolutely positioned, measured once drawn). */
export interface VirtualPlacement {
  index: number;
  top: number;
  measure: (element: HTMLElement | null) => void;
}

export function EntryItem({ entry, correctedBy, onCorrect, placement }: { entry: IncidentEntry; correctedBy: number[]; onCorrect?: (entry: IncidentEntry) => void; placement?: VirtualPlacement }) {
  const isEvent = entry.kind === "event" || entry.kind === "evidence-change";
  const tone = entry.kind === "annotation" ? ANNOTATION_TONE[(entry.payload as P<"annotation">).annotationKind] ?? "border-border" : isEvent ? "border-sev2" : "border-border";
  return (
    <li
      data-testid="timeline-entry"
      data-kind={entry.kind}
      data-seq={entry.seq}
      ref={placement?.measure}
      data-index={placement?.index}
      style={placement ? { position: "absolute", left: 0, right: 0, top: 0, transform: `translateY(${placement.top}px)` } : undefined}
      className={`${placement ? "" : "relative "}border-l-4 ${tone} bg-surface px-4 py-2`}
    >
      <div className="flex flex-wrap items-baseline gap-2 text-xs text-muted">
        {isEvent ? <span aria-label="event marker" className="inline-block h-2 w-2 rotate-45 bg-sev2" /> : null}
        <span className="font-semibold uppercase tracking-wide text-fg" data-testid="entry-label">{entryLabel(entry)}</span>
        <span>{entry.author.name}{entry.author.kind === "token" ? " (API)" : ""}</span>
        <Time iso={entry.createdAt} />
        <span className="font-mono">#{entry.seq}</span>
        {entry.correctsEntryId ? <span className="text-warn">corrects an earlier entry</span> : null}
        {correctedBy.length ? <span className="text-warn">corrected by #{correctedBy.join(", #")}</span> : null}
        {onCorrect && entry.kind === "annotation" ? (
          <button type="button" onClick={() => onCorrect(entry)} className="ml-auto text-accent underline">Correct</button>
        ) : null}
      </div>
      <div className={correctedBy.length ? "opacity-70" : ""}>
        <Body entry={entry} />
      </div>
    </li>
  );
}
