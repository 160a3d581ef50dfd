import { fromAlertmanager } from "@/lib/domain/alerts/alertmanager";
import { AlertmanagerPayload } from "@/lib/schemas/alerts";
import { ingestAlerts } from "@/lib/server/alerts/ingest-alerts";
import { json, route } from "@/lib/server/http/route";

/** Prometheus Alertmanager's webhook (http_config.authorization.credentials = an API token). */
export const POST = route({ auth: "responder", body: AlertmanagerPayload, maxBodyBytes: 2 * 1024 * 1024 }, async ({ body, principal }) =>
  json(await ingestAlerts(fromAlertmanager(body), principal)),
);
