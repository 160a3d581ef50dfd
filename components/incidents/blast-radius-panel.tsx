"use client";
import Link from "next/link";
import { useState } from "react";
import { Time } from "@/components/timeline/time";
import { useBlastRadius } from "@/lib/client/hooks/use-blast-radius";
import type { IncidentScope } from "@/lib/domain/incidents/types";
import type { BlastRadiusView, BlastReaderView, GroupBlastRadiusView } from "@/lib/schemas/blast-radius";

/** Rows shown before "show all": the panel sits above the tabs and must not push the timeline away. */
const COLLAPSED_ROWS = 6;

const TONE = { ok: "border-ok text-ok", warn: "border-warn text-warn", bad: "border-bad text-bad", muted: "border-border text-muted", accent: "border-accent text-accent" } as const;
type Tone = keyof typeof TONE;
const TIER_TONE: Record<NonNullable<BlastReaderView["tier"]>, Tone> = { critical: "bad", important: "warn", standard: "muted" };

function Tag({ tone, children, title, testId }: { tone: Tone; children: React.ReactNode; title?: string; testId?: string }) {
  return (
    <span title={title} data-testid={testId} className={`inline-flex items-center whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${TONE[tone]}`}>
      {children}
    </span>
  );
}

const CATALOG_LINK = (
  <Link href="/settings/catalog" className="font-semibold text-accent underline underline-offset-2">
    Settings → Catalog
  </Link>
);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Where the reader was seen: a live group (with its state: an Empty group only has committed offsets) or only the catalog. */
function Seen({ reader }: { reader: BlastReaderView }) {
  if (reader.source === "catalog") return <Tag tone="muted" title="a catalog entry says this group reads the topic; Kafka does not show it">catalog</Tag>;
  const idle = reader.members === 0;
  const detail = `${reader.state ?? "state unknown"}${reader.members !== null ? ` · ${plural(reader.members, "member")}` : ""}`;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Tag tone={idle ? "warn" : "ok"} title="committed offsets on the topic in the newest Kafka sample" testId="reader-live">
        kafka
      </Tag>
      <span className={`text-xs ${idle ? "text-warn" : "text-muted"}`}>{detail}</span>
    </span>
  );
}

function ReaderRow({ reader, inScope }: { reader: BlastReaderView; inScope: boolean }) {
  return (
    <tr data-testid="blast-reader" data-group={reader.group} data-source={reader.source} className={`border-t border-border align-top ${reader.lagging ? "bg-surface-2" : ""}`}>
      <td className={`py-1.5 pl-2 pr-3 ${reader.lagging ? "border-l-4 border-l-accent" : "border-l-4 border-l-transparent"}`}>
        <span className="break-all font-mono text-xs">{reader.group}</span>
        {reader.lagging ? (
          <span className="ml-2">
            <Tag tone="accent">this incident</Tag>
          </span>
        ) : inScope ? (
          <span className="ml-2">
            <Tag tone="accent">also in scope</Tag>
          </span>
        ) : null}
      </td>
      <td className="py-1.5 pr-3">
        {reader.service ? (
          <>
            <span className={reader.lagging ? "font-semibold" : ""}>{reader.service}</span>
            <span className="text-xs text-muted"> · {reader.team}</span>
          </>
        ) : (
          <span className="text-xs text-warn" title="no catalog entry covers this group">not in the catalog</span>
        )}
      </td>
      <td className="py-1.5 pr-3">{reader.tier ? <Tag tone={TIER_TONE[reader.tier]}>{reader.tier}</Tag> : <span className="text-xs text-muted">–</span>}</td>
      <td className="py-1.5 pr-3">
        <Seen reader={reader} />
      </td>
      <td className="py-1.5 pr-2 font-mono text-xs text-muted">{reader.topics.join(", ")}</td>
    </tr>
  );
}

/** The incident's group, then readers Kafka shows now, then those only the catalog names (then by name). */
const byRelevance = (a: BlastReaderView, b: BlastReaderView) =>
  Number(b.lagging) - Number(a.lagging) || Number(b.source === "kafka") - Number(a.source === "kafka") || a.group.localeCompare(b.group);

function GroupRadius({ radius, scope }: { radius: GroupBlastRadiusView; scope: IncidentScope }) {
  const [all, setAll] = useState(false);
  const sorted = [...radius.readers].sort(byRelevance);
  const rows = all ? sorted : sorted.slice(0, COLLAPSED_ROWS);
  const named = radius.readers.some((r) => r.service !== null) || radius.topicOwners.length > 0;
  return (
    <div className="grid gap-2" data-testid="blast-group" data-group={radius.group}>
      <p className="text-sm">
        <span className="text-muted">Group</span> <span className="break-all font-mono text-xs font-semibold">{radius.group}</span>
        {radius.topics.length ? (
          <>
            <span className="text-muted"> reads </span>
            <span className="break-all font-mono text-xs">{radius.topics.join(", ")}</span>
            <span className="text-xs text-muted"> ({radius.topicsFrom === "kafka" ? "its committed offsets in Kafka" : "its catalog entry"})</span>
          </>
        ) : null}
      </p>
      {radius.topics.length === 0 ? (
        <p className="text-sm text-muted">
          Kafka shows no committed offsets for this group and no catalog entry says what it reads, so its readers are unknown. Add the group with its <code>reads</code> in {CATALOG_LINK}.
        </p>
      ) : (
        <>
          {!named ? (
            <p className="text-sm text-warn" data-testid="blast-no-catalog">
              No catalog entries match these topics and groups: add them in {CATALOG_LINK}.
            </p>
          ) : null}
          {radius.readers.length ? (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="text-xs text-muted">
                    <th className="py-1 pl-3 pr-3 font-medium">Reader group</th>
                    <th className="py-1 pr-3 font-medium">Service · team</th>
                    <th className="py-1 pr-3 font-medium">Tier</th>
                    <th className="py-1 pr-3 font-medium">Seen in</th>
                    <th className="py-1 pr-2 font-medium">Shared topics</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <ReaderRow key={`${r.source}:${r.group}`} reader={r} inScope={!r.lagging && scope.groups.includes(r.group)} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {radius.readers.length > COLLAPSED_ROWS ? (
            <button type="button" onClick={() => setAll(!all)} className="justify-self-start text-xs font-semibold text-accent hover:underline">
              {all ? "Show fewer" : `Show all ${radius.readers.length} readers`}
            </button>
          ) : null}
          <p className="text-xs text-muted" data-testid="blast-topic-owners">
            <span className="font-semibold">Topic owners:</span>{" "}
            {radius.topicOwners.length
              ? radius.topicOwners.map((o, i) => (
                  <span key={o.topic}>
                    {i ? "; " : ""}
                    <span className="font-mono">{o.topic}</span> → <span className="text-fg">{o.service}</span> ({o.team})
                  </span>
                ))
              : "no topic entry in the catalog: the producing side is unknown"}
          </p>
        </>
      )}
    </div>
  );
}

function SourceLine({ data }: { data: BlastRadiusView }) {
  if (data.source === "kafka") {
    return (
      <span className="text-xs text-muted" data-testid="blast-source">
        <Tag tone="ok">live</Tag> readers from the Kafka sample of {data.takenAt ? <Time iso={data.takenAt} withDate={false} /> : "now"}, named by the catalog
      </span>
    );
  }
  return (
    <span className="text-xs" data-testid="blast-source">
      <Tag tone="warn">catalog only</Tag>
    </span>
  );
}

/**
 * Who else is hurt: per consumer group of the incident, the services reading the same topics,
 * which of them Kafka shows reading now, and who owns the topics. Sits above the tabs because
 * it decides whom to page, whatever tab the responder is on.
 */
export function BlastRadiusPanel({ incidentId, scope }: { incidentId: string; scope: IncidentScope }) {
  const { data, isPending, isError, error } = useBlastRadius(incidentId);
  const services = [...new Set(data?.groups.flatMap((g) => g.services) ?? [])];
  // Groups Kafka shows on the topics that no catalog entry names: readers nobody can be paged for.
  const unnamed = new Set(data?.groups.flatMap((g) => g.readers.filter((r) => r.service === null).map((r) => r.group)) ?? []).size;
  return (
    <section aria-labelledby="blast-radius-heading" data-testid="blast-radius" className="mb-4 grid gap-3 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id="blast-radius-heading" className="font-semibold">Blast radius</h2>
        {data && data.groups.length ? (
          <span className="text-sm" data-testid="blast-summary">
            {services.length ? (
              <>
                <strong>{services.length}</strong> service{services.length === 1 ? "" : "s"}: {services.join(", ")}
                {unnamed ? <span className="text-warn"> + {plural(unnamed, "group")} not in the catalog</span> : null}
              </>
            ) : unnamed ? (
              <span className="text-warn">{plural(unnamed, "group")}, none in the catalog</span>
            ) : (
              <span className="text-muted">no reader named by the catalog</span>
            )}
          </span>
        ) : null}
        {data && data.groups.length ? (
          <span className="ml-auto">
            <SourceLine data={data} />
          </span>
        ) : null}
      </div>
      {isPending ? <p className="text-sm text-muted">Reading who else consumes these topics…</p> : null}
      {isError ? (
        <p role="alert" className="text-sm text-bad">
          Could not load the blast radius: {error.message}
        </p>
      ) : null}
      {data && data.source === "catalog-only" && data.groups.length ? (
        <p className="text-sm text-warn" data-testid="blast-reason">
          Readers below come from the catalog alone — {data.reason ?? "Kafka could not be read"}.
        </p>
      ) : null}
      {data && data.groups.length === 0 ? <p className="text-sm text-muted">This incident names no consumer group, so there is no set of readers to work out.</p> : null}
      {data?.groups.map((g) => (
        <GroupRadius key={g.group} radius={g} scope={scope} />
      ))}
    </section>
  );
}
