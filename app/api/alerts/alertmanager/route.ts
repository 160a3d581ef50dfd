import { fromAlertmanager } from "@/lib/domain/alerts/alertmanager";
import { ingestAlerts } from "@/lib/server/alerts/ingest-alerts";
import { alertOperations } from "@/lib/server/http/openapi/catalog-operations";
import { json, route } from "@/lib/server/http/route";

/** Prometheus Alertmanager's webhook (http_config.authorization.credentials = an API token). */
export const POST = route(alertOperations.alertmanager, async ({ body, principal }) =>
  json(await ingestAlerts(fromAlertmanager(body), principal)),
);
