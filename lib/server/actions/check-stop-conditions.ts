import "server-only";
import { holdingStops, type HoldingStop } from "@/lib/domain/mitigation/stop-conditions";
import type { ActionKind } from "@/lib/domain/mitigation/types";
import { AppError } from "@/lib/server/http/errors";
import { getChecklist } from "@/lib/server/mitigation/get-checklist";

/**
 * Re-evaluates the incident's checklist (the one checklist function, so it reads what the
 * checklist shows) on a sample the sampler starts now — the action changes Kafka, so it is judged
 * on Kafka as it is at this moment, not on a sample from before a deletion — and refuses the
 * action while one of its stop conditions holds.
 */
export async function assertNoStopCondition(incidentId: string, kind: ActionKind): Promise<void> {
  const checklist = await getChecklist(incidentId, { fresh: true });
  const stops: HoldingStop[] = holdingStops(checklist.items, kind);
  if (stops.length === 0) return;
  throw new AppError(
    "PRECONDITION_FAILED",
    `refused: a stop condition of the checklist holds — ${stops.map((s) => `${s.condition}: ${s.current} (${s.itemTitle})`).join("; ")}. Stop and escalate; nothing was changed in Kafka.`,
    { extra: { stopConditions: stops } },
  );
}
