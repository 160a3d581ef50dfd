import "server-only";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import { verifyRecovery, type LagSample, type Verification } from "@/lib/domain/mitigation/verify";
import type { Principal } from "@/lib/server/auth/identify";
import { readScopeSignals } from "@/lib/server/actions/kafka-reads";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { getIncident } from "@/lib/server/incidents/get-incident";
import { authorOf } from "@/lib/server/incidents/mappers";

export interface VerifyOptions {
  freshnessSloSeconds?: number;
  noGrowthSeconds: number;
  sampleSeconds: number;
}

export interface VerificationView extends Verification {
  evidenceTakenAt: string | null;
  warnings: string[];
  freshnessSloSeconds: number | null;
  noGrowthSeconds: number;
}

/** The newest SLO the commander gave (severity answers), if any. */
function sloFromLog(entries: { kind: string; payload: unknown }[]): number | null {
  let slo: number | null = null;
  for (const e of entries) {
    const p = e.payload as { answers?: { freshnessSloSeconds?: unknown }; freshnessSloSeconds?: unknown } | null;
    const v = p?.freshnessSloSeconds ?? p?.answers?.freshnessSloSeconds;
    if ((e.kind === "severity-proposed" || e.kind === ENTRY_KINDS.recoveryVerified) && typeof v === "number") slo = v;
  }
  return slo;
}

/**
 * Seed 002's verification on live evidence. `record` appends the result (and this run's lag
 * sample) to the log, so "no growth for a period" is judged over the recorded samples.
 */
export async function verifyIncidentRecovery(incidentId: string, opts: VerifyOptions, record: Principal | null): Promise<VerificationView> {
  const { incident, entries } = await getIncident(incidentId);
  const { signals, warnings } = await readScopeSignals(incident.scope, opts.sampleSeconds);
  const previous: LagSample[] = entries
    .filter((e) => e.kind === ENTRY_KINDS.recoveryVerified)
    .map((e) => (e.payload as { sample?: LagSample | null }).sample)
    .filter((s): s is LagSample => !!s && typeof s.at === "number");
  const slo = opts.freshnessSloSeconds ?? sloFromLog(entries);
  const v = verifyRecovery({ signals, groups: incident.scope.groups, freshnessSloSeconds: slo, noGrowthSeconds: opts.noGrowthSeconds, previous });
  if (record) {
    await appendEntry({
      incidentId, kind: ENTRY_KINDS.recoveryVerified, item: "recovery-verification", author: authorOf(record),
      payload: { ready: v.ready, checks: v.checks, sample: v.sample, freshnessSloSeconds: slo, noGrowthSeconds: opts.noGrowthSeconds },
    });
  }
  return { ...v, evidenceTakenAt: signals ? new Date(signals.takenAt).toISOString() : null, warnings, freshnessSloSeconds: slo, noGrowthSeconds: opts.noGrowthSeconds };
}
