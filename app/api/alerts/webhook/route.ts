import { fromWebhook } from "@/lib/domain/alerts/webhook";
import { ingestAlerts } from "@/lib/server/alerts/ingest-alerts";
import { alertOperations } from "@/lib/server/http/openapi/catalog-operations";
import { json, route } from "@/lib/server/http/route";

/** Generic JSON alert webhook for other sources (shape: lib/domain/alerts/webhook.ts, in the OpenAPI document). */
export const POST = route(alertOperations.webhook, async ({ body, principal }) => json(await ingestAlerts(fromWebhook(body), principal)));
