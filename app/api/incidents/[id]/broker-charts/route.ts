import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { readIncidentBrokerCharts } from "@/lib/server/prometheus/read-broker-charts";

export const dynamic = "force-dynamic";

/** Broker latency beside storage and network signals over the incident window (seed 000's second correlation). */
export const GET = route(incidentOperations.brokerCharts, ({ params }) => readIncidentBrokerCharts(params.id));
