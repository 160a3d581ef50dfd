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
      outcome: z.enum(["opened", "grouped", "duplicate", "refired", "resolved", "ignored"]),
      incidentId: z.string().nullable(),
    }),
  ),
  incidents: z.array(z.object({ id: z.string(), opened: z.boolean() })),
});
