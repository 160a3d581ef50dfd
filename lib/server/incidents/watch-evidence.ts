import "server-only";
import { createHash } from "node:crypto";
import type { IncidentScope } from "@/lib/domain/incidents/types";
import { REBALANCING_STATES } from "@/lib/domain/evidence/group-status";
import { computeSignals } from "@/lib/domain/evidence/signals";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { db } from "@/lib/server/db";
import { clusterOf, configuredCluster } from "@/lib/server/evidence/cluster-identity";
import { readIncidentEvidence } from "@/lib/server/evidence/scope-evidence";
import { appendEntry, findEntryByKey } from "./append-entry";
import { refreshProposal } from "./refresh-proposal";
import { SYSTEM_AUTHOR, toSummary } from "./mappers";

/**
 * Automatic entries while an incident is open (issue 4): after every evidence sample, the two
 * newest samples are compared and every notable change in an open incident's scope becomes an
 * "evidence-change" entry — a group starting to rebalance, an ISR shrink, a leader change, a
 * config change, a broker leaving (cluster-wide, always in scope). The first sample after an
 * incident opens also attaches an "evidence-captured" snapshot summary of its scope.
 * Idempotency keys are derived from the change itself, so a sample looked at twice (or two
 * processes watching) never doubles an entry. After every sample each open incident's severity
 * proposal is re-evaluated too (refresh-proposal.ts).
 */

const CAPTURE_WINDOW_MS = 15 * 60_000;
const OPEN_STATUSES = ["detection", "triage", "mitigation", "resolution"];

export interface EvidenceChange {
  change: "config-change" | "isr-shrink" | "leader-change" | "broker-left" | "group-rebalancing";
  description: string;
  /** epoch ms of the sample that saw it */
  at: number;
  topics: string[];
  groups: string[];
  /** what makes this change unique (for the idempotency key) */
  identity: string;
}

/** The notable changes between the samples of `signals` (usually the two newest). Pure. */
export function notableChanges(signals: EvidenceSignals): EvidenceChange[] {
  const c = signals.cluster;
  const out: EvidenceChange[] = [];
  for (const ch of c.configChanges) {
    out.push({ change: "config-change", at: ch.at, topics: [ch.topic], groups: [], identity: `${ch.topic}|${ch.key}|${ch.from}|${ch.to}|${ch.at}`, description: `Config change on ${ch.topic}: ${ch.key} ${ch.from ?? "(default)"} → ${ch.to ?? "(default)"}` });
  }
  for (const s of c.isrShrinks) {
    out.push({ change: "isr-shrink", at: s.at, topics: [s.topic], groups: [], identity: `${s.topic}|${s.partition}|${s.from.join(",")}|${s.to.join(",")}|${s.at}`, description: `ISR shrink on ${s.topic}-${s.partition}: [${s.from.join(", ")}] → [${s.to.join(", ")}]` });
  }
  for (const l of c.leaderChanges) {
    out.push({ change: "leader-change", at: l.at, topics: [l.topic], groups: [], identity: `${l.topic}|${l.partition}|${l.from}|${l.to}|${l.at}`, description: `Leader of ${l.topic}-${l.partition} moved from broker ${l.from} to ${l.to}` });
  }
  for (const b of c.brokersLeft) {
    out.push({ change: "broker-left", at: b.at, topics: [], groups: [], identity: `${b.nodeId}|${b.at}`, description: `Broker ${b.nodeId} (${b.host}) left the cluster` });
  }
  for (const g of signals.groups) {
    for (const t of g.churn.stateTransitions) {
      if (!REBALANCING_STATES.has(t.to) || REBALANCING_STATES.has(t.from)) continue;
      out.push({ change: "group-rebalancing", at: t.at, topics: g.topics, groups: [g.groupId], identity: `${g.groupId}|${t.from}|${t.to}|${t.at}`, description: `Consumer group ${g.groupId} started rebalancing (${t.from} → ${t.to}, ${g.memberCount} member(s))` });
    }
  }
  return out;
}

function inScope(change: EvidenceChange, scope: IncidentScope, scopeTopics: Set<string>): boolean {
  if (change.change === "broker-left") return true;
  return change.groups.some((g) => scope.groups.includes(g)) || change.topics.some((t) => scopeTopics.has(t));
}

/** A short, readable summary of the scope's evidence, attached when an incident opens. */
function snapshotSummary(signals: EvidenceSignals, scope: IncidentScope, scopeTopics: Set<string>): string {
  const parts: string[] = [];
  for (const g of signals.groups.filter((x) => scope.groups.includes(x.groupId))) {
    parts.push(`${g.groupId}: ${g.status}, lag ${g.totalLag.toLocaleString("en-US")} records${g.maxTimeLagSeconds !== null ? ` (~${Math.round(g.maxTimeLagSeconds)} s behind)` : ""}, ${g.memberCount} member(s), state ${g.state}`);
  }
  const missing = scope.groups.filter((id) => !signals.groups.some((g) => g.groupId === id));
  if (missing.length) parts.push(`not found in Kafka: ${missing.join(", ")}`);
  const ref = (r: { topic: string }) => scopeTopics.has(r.topic);
  const offline = signals.cluster.offlinePartitions.filter(ref).length;
  const underMin = signals.cluster.underMinIsr.filter(ref).length;
  const underRep = signals.cluster.underReplicated.filter(ref).length;
  parts.push(`${scopeTopics.size} topic(s) in scope: ${offline} partition(s) offline, ${underMin} below min ISR, ${underRep} under-replicated`);
  parts.push(`${signals.cluster.brokerIds.length} broker(s) up`);
  return `Evidence at open (${signals.samples} sample(s) over ${Math.round(signals.windowSeconds)} s): ${parts.join("; ")}`;
}

const key = (...parts: string[]) => `auto:${createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 40)}`;

/**
 * Called by the sampler after every successful sample (lib/server/evidence/get-sampler.ts).
 * `incidentIds` restricts the watch (tests).
 * Never throws: automatic entries must not break sampling.
 */
export async function watchIncidentEvidence(history: readonly ClusterSnapshot[], opts: { incidentIds?: string[]; cluster?: string } = {}): Promise<void> {
  try {
    if (history.length === 0) return;
    // Only the incidents of the cluster this history is of (older incidents say "default" for the default cluster).
    const cluster = clusterOf(opts.cluster);
    const clusters = cluster === configuredCluster() ? [cluster, "default"] : [cluster];
    const rows = await db().incident.findMany({ where: { status: { in: OPEN_STATUSES }, cluster: { in: clusters }, ...(opts.incidentIds ? { id: { in: opts.incidentIds } } : {}) } });
    if (rows.length === 0) return;
    const pair = history.slice(-2) as ClusterSnapshot[];
    const changes = pair.length === 2 ? notableChanges(computeSignals(pair)) : [];
    const proposed = new Set((await db().severityProposal.findMany({ where: { incidentId: { in: rows.map((r) => r.id) } }, select: { incidentId: true } })).map((r) => r.incidentId));
    for (const row of rows) {
      // Each incident's evaluation is CPU work on the server's one thread: let the requests and
      // live streams waiting meanwhile (a page load, an SSE connect) run between two incidents.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const incident = toSummary(row);
      const scope = incident.scope;
      const latest = history[history.length - 1]!;
      const consumed = latest.groups.filter((g) => scope.groups.includes(g.groupId)).flatMap((g) => g.offsets.map((o) => o.topic));
      const scopeTopics = new Set([...scope.topics, ...consumed]);
      const openedAt = row.openedAt.getTime();
      for (const ch of changes) {
        if (ch.at < openedAt || !inScope(ch, scope, scopeTopics)) continue;
        await appendEntry({
          incidentId: row.id,
          kind: "evidence-change",
          item: null,
          idempotencyKey: key("evidence-change", row.id, ch.change, ch.identity),
          author: SYSTEM_AUTHOR,
          payload: { change: ch.change, description: ch.description, at: new Date(ch.at).toISOString(), topics: ch.topics, groups: ch.groups },
        });
      }
      const captureKey = key("evidence-captured-at-open", row.id);
      // only near the opening: an incident open for hours gets no "at open" snapshot after a restart
      if (latest.takenAt - openedAt < CAPTURE_WINDOW_MS && !(await findEntryByKey(SYSTEM_AUTHOR.id, captureKey))) {
        // the same numbers as every other judgement of the incident (the scope-evidence service)
        const evidence = await readIncidentEvidence(incident);
        await appendEntry({
          incidentId: row.id,
          kind: "evidence-captured",
          item: null,
          idempotencyKey: captureKey,
          author: SYSTEM_AUTHOR,
          payload: evidence.signals
            ? { takenAt: new Date(evidence.signals.takenAt).toISOString(), summary: snapshotSummary(evidence.signals, scope, scopeTopics) }
            : { takenAt: null, summary: `No evidence at open: ${evidence.knowledge.unknown.join("; ")}` },
        });
      }
      // The evidence moved: re-evaluate the proposal (a log entry only when its level changes).
      // An incident whose scope the newest sample does not show (its topics and groups are gone)
      // has nothing new to say once it has a proposal.
      const shown = scope.topics.length + scope.groups.length === 0 || scope.groups.some((g) => latest.groups.some((x) => x.groupId === g)) || scope.topics.some((t) => latest.topics.some((x) => x.name === t));
      if (shown || !proposed.has(row.id)) {
        await refreshProposal(row.id).catch((error: unknown) => console.warn(`watch-evidence: proposal of ${row.id}: ${(error as Error).message}`));
      }
    }
  } catch (error) {
    console.warn(`watch-evidence: ${(error as Error).message}`);
  }
}
