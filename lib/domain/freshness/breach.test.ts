import { describe, expect, it } from "vitest";
import { CAPTURED } from "@/lib/domain/__fixtures__";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { breachAlert, breachPayload, FRESHNESS_ALERT_SOURCE } from "./breach";
import { DEFAULT_THRESHOLDS, evaluateStream } from "./rules";
import type { WatchedStream } from "./streams";

describe("what a breach says (silent stop captured from a real broker)", () => {
  const f = CAPTURED.find((x) => x.id === "silent-stop")!;
  const s = computeSignals(f.history);
  const group = s.groups.find((g) => g.groupId === f.scope.name)!;
  const stream: WatchedStream = { group: group.groupId, topics: group.topics, freshnessSloSeconds: 5, service: "orders-sink", team: "orders", tier: "critical", onBreach: "open", via: `group ${group.groupId}` };
  const rules = evaluateStream(group, stream, { ...DEFAULT_THRESHOLDS, zeroThroughputSeconds: 8 }, { takenAt: s.takenAt, sampleIntervalMs: 1500, windowSeconds: s.windowSeconds });
  const start = Math.min(...rules.map((r) => r.since));
  const payload = breachPayload({ cluster: "prod", stream, group, rules, breachStartedAt: start, detectedAt: s.takenAt, episode: "first", takenAt: s.takenAt, samples: s.samples, windowSeconds: s.windowSeconds });

  it("keeps every partition's numbers at that moment and the rules oldest first", () => {
    expect(payload.breachStartedAt).toBe(new Date(start).toISOString());
    expect(payload.rules.map((r) => r.since)).toEqual([...payload.rules.map((r) => r.since)].sort());
    expect(payload.evidence.partitions).toHaveLength(group.partitions.length);
    expect(payload.evidence.totalLag).toBe(group.totalLag);
    expect(payload.evidence.partitions.reduce((n, p) => n + (p.lag ?? 0), 0)).toBe(group.totalLag);
    expect(payload.summary).toMatch(new RegExp(`^${group.groupId} \\(orders-sink\\) .* behind, SLO 5 s: `));
  });

  it("is an alert firing since the breach began, scoped to the group and its topics", () => {
    const alert = breachAlert(payload);
    expect(alert).toMatchObject({ source: FRESHNESS_ALERT_SOURCE, status: "firing", name: "Freshness", startsAt: payload.breachStartedAt, fingerprint: `prod|${group.groupId}` });
    expect(alert.scope).toEqual({ cluster: "prod", topics: group.topics, groups: [group.groupId] });
    expect(alert.summary).toBe(payload.summary.slice(0, payload.summary.indexOf(":")));
  });
});
