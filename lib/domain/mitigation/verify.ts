/**
 * Seed 002's verification before an incident may move to resolved, evaluated on live signals:
 * lag falling as expected, freshness back under the SLO, no lag growth for a chosen period
 * (judged over the earlier verification samples recorded in the log, plus now). Pure.
 */
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import { fmtDuration, fmtInt, fmtRate } from "./format";

export type CheckStatus = "pass" | "fail" | "pending" | "unknown";

export interface VerificationCheck {
  id: "lag-falling" | "freshness" | "no-growth";
  title: string;
  status: CheckStatus;
  /** the current values, as a person reads them */
  current: string;
}

export interface LagSample {
  /** epoch ms */
  at: number;
  /** group → total lag */
  totalLag: Record<string, number>;
}

export interface VerificationInput {
  signals: EvidenceSignals | null;
  groups: string[];
  freshnessSloSeconds: number | null;
  noGrowthSeconds: number;
  /** earlier samples (from earlier verification entries), any order */
  previous: LagSample[];
}

export interface Verification {
  checks: VerificationCheck[];
  /** every check passes: the incident may move to resolved */
  ready: boolean;
  /** this run's sample, to record in the log */
  sample: LagSample | null;
}

export function verifyRecovery(input: VerificationInput): Verification {
  const s = input.signals;
  const groups = s ? input.groups.map((id) => s.groups.find((g) => g.groupId === id)).filter((g) => g !== undefined) : [];
  if (!s || groups.length === 0) {
    const why = !s ? "Kafka could not be read" : input.groups.length ? `none of ${input.groups.join(", ")} found in Kafka` : "the incident names no consumer group";
    return {
      ready: false, sample: null,
      checks: [
        { id: "lag-falling", title: "Lag falling as expected", status: "unknown", current: why },
        { id: "freshness", title: "Freshness back under the SLO", status: "unknown", current: why },
        { id: "no-growth", title: `No lag growth for ${fmtDuration(input.noGrowthSeconds)}`, status: "unknown", current: why },
      ],
    };
  }
  const sample: LagSample = { at: s.takenAt, totalLag: Object.fromEntries(groups.map((g) => [g.groupId, g.totalLag])) };

  // lag falling (or caught up) in every group
  const lagParts = groups.map((g) => {
    if (g.drain === "caught-up" || g.totalLag === 0) return { ok: true as boolean | null, text: `${g.groupId}: caught up (lag 0)` };
    if (g.lagGrowthPerSec === null) return { ok: null, text: `${g.groupId}: lag ${fmtInt(g.totalLag)}, trend unknown` };
    if (g.lagGrowthPerSec < 0) return { ok: true, text: `${g.groupId}: lag ${fmtInt(g.totalLag)} falling ${fmtRate(-g.lagGrowthPerSec)}${g.timeToDrainSeconds !== null ? `, drains in ~${fmtDuration(g.timeToDrainSeconds)}` : ""}` };
    return { ok: false, text: `${g.groupId}: lag ${fmtInt(g.totalLag)} ${g.lagGrowthPerSec > 0 ? `growing ${fmtRate(g.lagGrowthPerSec)}` : "flat, not draining"}` };
  });
  const lagStatus: CheckStatus = lagParts.some((x) => x.ok === false) ? "fail" : lagParts.some((x) => x.ok === null) ? "unknown" : "pass";

  // freshness
  const worst = Math.max(...groups.map((g) => (g.totalLag === 0 ? 0 : (g.maxTimeLagSeconds ?? Number.NaN))));
  let freshness: VerificationCheck;
  if (input.freshnessSloSeconds === null) freshness = { id: "freshness", title: "Freshness back under the SLO", status: "unknown", current: `no freshness SLO set${Number.isFinite(worst) ? `; oldest unread record ${fmtDuration(worst)} old` : ""}` };
  else if (!Number.isFinite(worst)) freshness = { id: "freshness", title: "Freshness back under the SLO", status: "unknown", current: `time lag unknown; SLO ${fmtDuration(input.freshnessSloSeconds)}` };
  else freshness = { id: "freshness", title: "Freshness back under the SLO", status: worst <= input.freshnessSloSeconds ? "pass" : "fail", current: `oldest unread record ${fmtDuration(worst)} old; SLO ${fmtDuration(input.freshnessSloSeconds)}` };

  // no growth for the chosen period: every sample since the period's start stays at or below the lag at its start
  const period = input.noGrowthSeconds * 1000;
  const all = [...input.previous, sample].sort((a, b) => a.at - b.at);
  const startCut = sample.at - period;
  const before = all.filter((x) => x.at <= startCut);
  const anchor = before[before.length - 1];
  let noGrowth: VerificationCheck;
  const title = `No lag growth for ${fmtDuration(input.noGrowthSeconds)}`;
  if (!anchor) {
    const oldest = all[0];
    const covered = oldest ? (sample.at - oldest.at) / 1000 : 0;
    noGrowth = { id: "no-growth", title, status: "pending", current: `evidence covers ${fmtDuration(covered)} of ${fmtDuration(input.noGrowthSeconds)}: verify again later` };
  } else {
    const since = all.filter((x) => x.at >= anchor.at);
    const grew = groups.filter((g) => since.some((x) => (x.totalLag[g.groupId] ?? 0) > (anchor.totalLag[g.groupId] ?? Number.POSITIVE_INFINITY)));
    noGrowth = grew.length
      ? { id: "no-growth", title, status: "fail", current: `lag grew in ${grew.map((g) => g.groupId).join(", ")} within the last ${fmtDuration(input.noGrowthSeconds)} (from ${grew.map((g) => fmtInt(anchor.totalLag[g.groupId] ?? 0)).join(", ")})` }
      : { id: "no-growth", title, status: "pass", current: `lag ${groups.map((g) => `${g.groupId} ${fmtInt(anchor.totalLag[g.groupId] ?? 0)} → ${fmtInt(g.totalLag)}`).join(", ")} over ${fmtDuration((sample.at - anchor.at) / 1000)}` };
  }
  const checks: VerificationCheck[] = [{ id: "lag-falling", title: "Lag falling as expected", status: lagStatus, current: lagParts.map((x) => x.text).join("; ") }, freshness, noGrowth];
  return { checks, ready: checks.every((c) => c.status === "pass"), sample };
}
