/**
 * Seed 002's verification before an incident may move to resolved, evaluated on live signals:
 * lag falling as expected, freshness back under the SLO, no lag growth for a chosen period
 * (judged over the sampled history and the samples earlier verifications recorded, plus now). Pure.
 */
import { LAG_NOISE_SECONDS } from "@/lib/domain/evidence/noise";
import type { LagSample } from "@/lib/domain/evidence/lag-series";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import { hasBacklog, isStuck } from "@/lib/domain/severity/propose";
import { fmtInt, fmtRate } from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";

export type CheckStatus = "pass" | "fail" | "pending" | "unknown";

export interface VerificationCheck {
  id: "lag-falling" | "freshness" | "no-growth";
  title: string;
  status: CheckStatus;
  /** the current values, as a person reads them */
  current: string;
}

export type { LagSample };

export interface VerificationInput {
  signals: EvidenceSignals | null;
  groups: string[];
  freshnessSloSeconds: number | null;
  noGrowthSeconds: number;
  /** earlier samples (the sampled history, earlier verification entries), any order */
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
        { id: "no-growth", title: `No lag growth for ${formatDuration(input.noGrowthSeconds)}`, status: "unknown", current: why },
      ],
    };
  }
  const sample: LagSample = { at: s.takenAt, totalLag: Object.fromEntries(groups.map((g) => [g.groupId, g.totalLag])) };

  // lag falling (or caught up) in every group
  const lagParts = groups.map((g) => {
    if (g.totalLag === 0) return { ok: true as boolean | null, text: `${g.groupId}: caught up (lag 0)` };
    if (g.drain === "caught-up" || !hasBacklog(g)) return { ok: true as boolean | null, text: `${g.groupId}: caught up (lag ${fmtInt(g.totalLag)}: records in flight, under ${LAG_NOISE_SECONDS} s of input)` };
    if (isStuck(g)) return { ok: false as boolean | null, text: `${g.groupId}: lag ${fmtInt(g.totalLag)}, consumption ${g.status} (${g.statusReason})` };
    if (g.lagGrowthPerSec === null) return { ok: null, text: `${g.groupId}: lag ${fmtInt(g.totalLag)}, trend unknown` };
    if (g.lagGrowthPerSec < 0) return { ok: true, text: `${g.groupId}: lag ${fmtInt(g.totalLag)} falling ${fmtRate(-g.lagGrowthPerSec)}${g.timeToDrainSeconds !== null ? `, drains in ~${formatDuration(g.timeToDrainSeconds)}` : ""}` };
    return { ok: false, text: `${g.groupId}: lag ${fmtInt(g.totalLag)} ${g.lagGrowthPerSec > 0 ? `growing ${fmtRate(g.lagGrowthPerSec)}` : "flat, not draining"}` };
  });
  const lagStatus: CheckStatus = lagParts.some((x) => x.ok === false) ? "fail" : lagParts.some((x) => x.ok === null) ? "unknown" : "pass";

  // freshness
  const worst = Math.max(...groups.map((g) => (g.totalLag === 0 ? 0 : (g.maxTimeLagSeconds ?? Number.NaN))));
  let freshness: VerificationCheck;
  if (input.freshnessSloSeconds === null) freshness = { id: "freshness", title: "Freshness back under the SLO", status: "unknown", current: `no freshness SLO set${Number.isFinite(worst) ? `; oldest unread record ${formatDuration(worst)} old` : ""}` };
  else if (!Number.isFinite(worst)) freshness = { id: "freshness", title: "Freshness back under the SLO", status: "unknown", current: `time lag unknown; SLO ${formatDuration(input.freshnessSloSeconds)}` };
  else freshness = { id: "freshness", title: "Freshness back under the SLO", status: worst <= input.freshnessSloSeconds ? "pass" : "fail", current: `oldest unread record ${formatDuration(worst)} old; SLO ${formatDuration(input.freshnessSloSeconds)}` };

  // no growth for the chosen period: every sample since the period's start stays at or below the lag at its start
  const period = input.noGrowthSeconds * 1000;
  const all = [...input.previous, sample].sort((a, b) => a.at - b.at);
  const startCut = sample.at - period;
  const before = all.filter((x) => x.at <= startCut);
  const anchor = before[before.length - 1];
  let noGrowth: VerificationCheck;
  const title = `No lag growth for ${formatDuration(input.noGrowthSeconds)}`;
  if (!anchor) {
    const oldest = all[0];
    const covered = oldest ? (sample.at - oldest.at) / 1000 : 0;
    noGrowth = { id: "no-growth", title, status: "pending", current: `evidence covers ${formatDuration(covered)} of ${formatDuration(input.noGrowthSeconds)}: verify again later` };
  } else {
    const since = all.filter((x) => x.at >= anchor.at);
    // Records in flight between two commits are not growth (the same floor as everywhere else).
    const floor = (g: (typeof groups)[number]) => (g.inputRatePerSec ?? 0) * LAG_NOISE_SECONDS;
    const grew = groups.filter((g) => since.some((x) => (x.totalLag[g.groupId] ?? 0) > (anchor.totalLag[g.groupId] ?? Number.POSITIVE_INFINITY) + floor(g)));
    noGrowth = grew.length
      ? { id: "no-growth", title, status: "fail", current: `lag grew in ${grew.map((g) => g.groupId).join(", ")} within the last ${formatDuration(input.noGrowthSeconds)} (from ${grew.map((g) => fmtInt(anchor.totalLag[g.groupId] ?? 0)).join(", ")})` }
      : { id: "no-growth", title, status: "pass", current: `lag ${groups.map((g) => `${g.groupId} ${fmtInt(anchor.totalLag[g.groupId] ?? 0)} → ${fmtInt(g.totalLag)}`).join(", ")} over ${formatDuration((sample.at - anchor.at) / 1000)}` };
  }
  const checks: VerificationCheck[] = [{ id: "lag-falling", title: "Lag falling as expected", status: lagStatus, current: lagParts.map((x) => x.text).join("; ") }, freshness, noGrowth];
  return { checks, ready: checks.every((c) => c.status === "pass"), sample };
}
