/**
 * What a breach says (pure; docs/freshness-watch.md): the "freshness-breach" payload with the
 * evidence at that moment, and the alert the watch hands to the alert intake — the one
 * incident-opening path (lib/server/alerts/ingest-alerts.ts), so a breach's incident gets the
 * same scope, routing, owners and notifications as an alert-opened one.
 */
import type { IncomingAlert } from "@/lib/domain/alerts/normalize";
import type { GroupSignals } from "@/lib/domain/evidence/signal-types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import type { WatchedStream } from "./streams";
import type { FreshnessBreachPayload, RuleTrip } from "./types";

/** The alert source of the watch's breaches (alert records are keyed by source and fingerprint). */
export const FRESHNESS_ALERT_SOURCE = "freshness-watch";

export interface BreachMoment {
  cluster: string;
  stream: WatchedStream;
  group: GroupSignals;
  /** every rule tripped during this breach so far, each with its start */
  rules: readonly RuleTrip[];
  breachStartedAt: number;
  detectedAt: number;
  episode: "first" | "again";
  /** the evidence's newest sample and how much history it covers */
  takenAt: number;
  samples: number;
  windowSeconds: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function breachPayload(m: BreachMoment): FreshnessBreachPayload {
  const g = m.group;
  const rules = [...m.rules].sort((a, b) => a.since - b.since);
  const behind = g.maxTimeLagSeconds !== null ? `${formatDuration(g.maxTimeLagSeconds)} behind` : `${g.totalLag.toLocaleString("en-US")} records behind`;
  return {
    cluster: m.cluster,
    group: m.stream.group,
    topics: [...m.stream.topics],
    service: m.stream.service,
    team: m.stream.team,
    tier: m.stream.tier,
    freshnessSloSeconds: m.stream.freshnessSloSeconds,
    rules: rules.map((r) => ({ rule: r.rule, since: iso(r.since), text: r.text })),
    breachStartedAt: iso(m.breachStartedAt),
    detectedAt: iso(m.detectedAt),
    episode: m.episode,
    evidence: {
      takenAt: iso(m.takenAt),
      state: g.state,
      members: g.memberCount,
      totalLag: g.totalLag,
      maxTimeLagSeconds: g.maxTimeLagSeconds,
      inputRatePerSec: g.inputRatePerSec,
      consumeRatePerSec: g.recentConsumeRatePerSec ?? g.consumeRatePerSec,
      samples: m.samples,
      windowSeconds: m.windowSeconds,
      partitions: g.partitions.map((p) => ({
        topic: p.topic,
        partition: p.partition,
        committedOffset: p.committedOffset,
        logEndOffset: p.logEndOffset,
        lag: p.lag,
        timeLagSeconds: p.timeLagSeconds,
        committedUnchangedSeconds: Math.round(p.committedUnchangedMs / 1000),
        inputRatePerSec: p.inputRatePerSec,
        consumeRatePerSec: p.consumeRatePerSec,
      })),
    },
    summary: `${m.stream.group} (${m.stream.service}) ${behind}${m.stream.freshnessSloSeconds !== null ? `, SLO ${formatDuration(m.stream.freshnessSloSeconds)}` : ""}: ${rules.map((r) => r.text).join("; ")}${m.episode === "again" ? " (breached again)" : ""}`,
  };
}

/** The incident's title: "Freshness: <group> (<service>) <lag> behind, SLO <slo>". */
export function breachTitleSummary(p: FreshnessBreachPayload): string {
  const behind = p.evidence.maxTimeLagSeconds !== null ? `${formatDuration(p.evidence.maxTimeLagSeconds)} behind` : `${p.evidence.totalLag.toLocaleString("en-US")} records behind`;
  return `${p.group} (${p.service}) ${behind}${p.freshnessSloSeconds !== null ? `, SLO ${formatDuration(p.freshnessSloSeconds)}` : ""}`;
}

/**
 * The alert a breach is for the intake: firing since the breach began (the incident's impact
 * start), scoped to the group and the topics it reads, one fingerprint per cluster and group.
 */
export function breachAlert(p: FreshnessBreachPayload): IncomingAlert {
  const labels: Record<string, string> = { alertname: "Freshness", cluster: p.cluster, consumergroup: p.group, service: p.service, team: p.team, tier: p.tier, rules: p.rules.map((r) => r.rule).join(",") };
  return {
    source: FRESHNESS_ALERT_SOURCE,
    fingerprint: `${p.cluster}|${p.group}`,
    status: "firing",
    name: "Freshness",
    summary: breachTitleSummary(p),
    labels,
    annotations: { description: p.summary },
    startsAt: p.breachStartedAt,
    startsAtFromSource: true,
    endsAt: null,
    url: null,
    scope: { cluster: p.cluster, topics: [...p.topics], groups: [p.group] },
  };
}
