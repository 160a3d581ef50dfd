import "server-only";
import { getIncident } from "@/lib/server/incidents/get-incident";
import { getReview } from "./get-review";

/** The whole incident as one JSON document: the incident, its state, its whole log and its review. */
export async function exportIncident(incidentId: string) {
  const detail = await getIncident(incidentId);
  const review = await getReview(incidentId);
  return {
    format: "ripcord.incident.v1",
    exportedAt: new Date().toISOString(),
    incident: detail.incident,
    state: detail.state,
    log: detail.entries,
    review: { ...review.review, document: review.document },
  };
}
