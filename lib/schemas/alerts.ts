import { z } from "zod";

export { AlertmanagerPayload } from "@/lib/domain/alerts/alertmanager";
export { WebhookPayload } from "@/lib/domain/alerts/webhook";

export const IntakeResultView = z.object({
  received: z.number(),
  alerts: z.array(
    z.object({
      fingerprint: z.string(),
      name: z.string(),
      status: z.enum(["firing", "resolved"]),
      outcome: z.enum(["opened", "grouped", "duplicate", "refired", "resolved", "ignored", "refused"]),
      incidentId: z.string().nullable(),
    }),
  ),
  incidents: z.array(z.object({ id: z.string(), opened: z.boolean() })),
  /** present when some alerts named a cluster that is not configured here (those are not taken) */
  refused: z.object({ clusters: z.array(z.string()), configured: z.array(z.string()) }).optional(),
});
