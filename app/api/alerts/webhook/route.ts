import { fromWebhook } from "@/lib/domain/alerts/webhook";
import { WebhookPayload } from "@/lib/schemas/alerts";
import { ingestAlerts } from "@/lib/server/alerts/ingest-alerts";
import { json, route } from "@/lib/server/http/route";

/** Generic JSON alert webhook for other sources (shape: lib/domain/alerts/webhook.ts, in the OpenAPI document). */
export const POST = route({ auth: "responder", body: WebhookPayload, maxBodyBytes: 2 * 1024 * 1024 }, async ({ body, principal }) => json(await ingestAlerts(fromWebhook(body), principal)));
