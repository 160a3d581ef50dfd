import "server-only";
import { lagSeries } from "@/lib/domain/evidence/lag-series";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import { verifyRecovery, type LagSample, type Verification } from "@/lib/domain/mitigation/verify";
import type { EvidenceSummaryView } from "@/lib/schemas/evidence";
import type { Principal } from "@/lib/server/auth/identify";
import { severityContextFor } from "@/lib/server/catalog/severity-context";
import { readIncidentEvidence } from "@/lib/server/evidence/scope-evidence";
import { summarizeEvidence } from "@/lib/server/evidence/summarize-evidence";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { commanderAnswersOf } from "@/lib/server/incidents/classify-severity";
import { getIncident } from "@/lib/server/incidents/get-incident";
import { authorOf } from "@/lib/server/incidents/mappers";

export interface VerifyOptions {
  freshnessSloSeconds?: number;
  noGrowthSeconds: number;
}

export interface VerificationView extends Verification {
  evidenceTakenAt: string | null;
  evidence: EvidenceSummaryView;
  warnings: string[];
  freshnessSloSeconds: number | null;
  noGrowthSeconds: number;
}

/**
 * Seed 002's verification on the scope's evidence (the sampler's history). "No lag growth for a
 * period" is judged over the sampled history itself — the rate window and what it reaches back
 * to — plus the samples earlier verifications recorded in the log, so nothing waits or sleeps.
 * The freshness SLO is the commander's (severity answers), else the catalog's. `record` appends
 * the result to the log.
 */
export async function verifyIncidentRecovery(incidentId: string, opts: VerifyOptions, record: Principal | null): Promise<VerificationView> {
  const { incident, entries, state } = await getIncident(incidentId);
  const evidence = await readIncidentEvidence(incident, state.keyTimes);
  const signals = evidence.signals && evidence.signals.samples > 0 ? evidence.signals : null;
  const recorded: LagSample[] = entries
    .filter((e) => e.kind === ENTRY_KINDS.recoveryVerified)
    .map((e) => (e.payload as { sample?: LagSample | null }).sample)
    .filter((s): s is LagSample => !!s && typeof s.at === "number");
  const sampled = lagSeries([...evidence.reachBack, ...evidence.window], incident.scope.groups);
  const slo = opts.freshnessSloSeconds ?? commanderAnswersOf(entries).freshnessSloSeconds ?? (await severityContextFor(incident.scope).catch(() => null))?.freshnessSloSeconds ?? null;
  const v = verifyRecovery({ signals, groups: incident.scope.groups, freshnessSloSeconds: slo, noGrowthSeconds: opts.noGrowthSeconds, previous: [...recorded, ...sampled] });
  if (record) {
    await appendEntry({
      incidentId, kind: ENTRY_KINDS.recoveryVerified, item: "recovery-verification", author: authorOf(record),
      payload: { ready: v.ready, checks: v.checks, sample: v.sample, freshnessSloSeconds: slo, noGrowthSeconds: opts.noGrowthSeconds },
    });
  }
  return {
    ...v,
    evidenceTakenAt: evidence.takenAt === null ? null : new Date(evidence.takenAt).toISOString(),
    evidence: summarizeEvidence(evidence),
    warnings: evidence.warnings,
    freshnessSloSeconds: slo,
    noGrowthSeconds: opts.noGrowthSeconds,
  };
}
