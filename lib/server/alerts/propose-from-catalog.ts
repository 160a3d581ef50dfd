import "server-only";
import type { IncidentScope } from "@/lib/domain/incidents/types";
import type { Principal } from "@/lib/server/auth/identify";
import { severityContextFor } from "@/lib/server/catalog/severity-context";
import { db } from "@/lib/server/db";
import { proposeSeverity } from "@/lib/server/incidents/classify-severity";

/** Seconds between the two Kafka samples of the first proposal (rates need two). */
const SAMPLE_SECONDS = 2;

/**
 * The first severity proposal of an incident opened by an alert, through the incidents
 * feature's classifier, with the catalog's answers: the strictest freshness SLO of the
 * streams in scope, and "critical workload: yes" when a stream in scope is tier critical.
 */
export async function proposeFromCatalog(incidentId: string, principal: Principal) {
  const row = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, select: { scope: true } });
  const scope = JSON.parse(row.scope) as IncidentScope;
  const context = await severityContextFor(scope);
  return proposeSeverity(
    incidentId,
    {
      freshnessSloSeconds: context.freshnessSloSeconds,
      ...(context.tier === "critical"
        ? { answers: { writesAtRisk: "unknown", freshnessBreached: "unknown", backlogGrowing: "unknown", recoveryConstrained: "unknown", criticalWorkload: "yes" } as const }
        : {}),
      sampleSeconds: SAMPLE_SECONDS,
    },
    principal,
  );
}
