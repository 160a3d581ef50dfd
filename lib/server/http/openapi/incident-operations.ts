import { z } from "zod";
import {
  AnnotateBody,
  ChangeStatusBody,
  CommandBody,
  CommanderAnswersBody,
  CorrectBody,
  DecideSeverityBody,
  EntryView,
  EvaluationQuery,
  IncidentChartsView,
  IncidentParams,
  IncidentSummaryView,
  KeyTimeBody,
  ListIncidentsQuery,
  OpenIncidentBody,
  PostEventBody,
  StreamQuery,
} from "@/lib/schemas/incidents";
import { BlastRadiusView } from "@/lib/schemas/blast-radius";
import { IncidentBrokerChartsView } from "@/lib/schemas/broker-charts";
import { CurrentProposalView, SeverityEvaluationView } from "@/lib/schemas/severity";
import { defineOperations } from "./types";

const appended = z.object({ entry: EntryView, duplicate: z.boolean() });
const tag = "incidents";
const params = IncidentParams;

export const incidentOperations = defineOperations({
  list: { method: "get", path: "/api/incidents", summary: "List incidents, open first; filter by status, severity, cluster, date; q searches titles and logs", tag, auth: "viewer", query: ListIncidentsQuery, response: z.object({ incidents: z.array(IncidentSummaryView) }) },
  open: { method: "post", path: "/api/incidents", summary: "Open an incident (the opener takes command)", tag, auth: "commander", body: OpenIncidentBody, response: z.object({ incident: IncidentSummaryView, duplicate: z.boolean() }), status: 201 },
  listStream: { method: "get", path: "/api/incidents/stream", summary: "Server-Sent Events: `changed` whenever any incident's log grows", tag, auth: "viewer", responseType: "text/event-stream" },
  get: { method: "get", path: "/api/incidents/{id}", summary: "The incident, its whole log, the state derived from it and its current severity proposal (`proposal`: evaluated by Ripcord at open and after every evidence sample, no request needed)", tag, auth: "viewer", params, response: z.object({ incident: IncidentSummaryView, state: z.unknown(), entries: z.array(EntryView), viewers: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })), proposal: CurrentProposalView.nullable() }) },
  stream: { method: "get", path: "/api/incidents/{id}/stream", summary: "Server-Sent Events of the log: `entry` (id = seq), `ready`, `presence`; resumes after Last-Event-ID or ?after=", tag, auth: "viewer", params, query: StreamQuery, responseType: "text/event-stream" },
  annotate: { method: "post", path: "/api/incidents/{id}/annotations", summary: "Annotate the timeline (idempotencyKey: a retry is stored once)", tag, auth: "responder", params, body: AnnotateBody, response: appended, status: 201 },
  correct: { method: "post", path: "/api/incidents/{id}/corrections", summary: "Correct an entry (a new entry pointing at it; nothing is edited)", tag, auth: "responder", params, body: CorrectBody, response: appended, status: 201 },
  changeStatus: { method: "post", path: "/api/incidents/{id}/status", summary: "Move through the lifecycle; expectedVersion → 409 if someone changed it meanwhile", tag, auth: "commander", params, body: ChangeStatusBody, response: appended, status: 201 },
  proposeSeverity: { method: "post", path: "/api/incidents/{id}/severity/proposal", summary: "Give the classifier the commander's freshness SLO and answers; the proposal on them (scope evidence from the sampler's history) is recorded in the log and kept for later automatic proposals", tag, auth: "commander", params, body: CommanderAnswersBody, response: z.object({ proposal: SeverityEvaluationView, entry: EntryView }), status: 201 },
  evaluateSeverity: { method: "get", path: "/api/incidents/{id}/severity/evaluation", summary: "Evaluate severity on the scope's evidence now, recording nothing (what-if: ?freshnessSloSeconds=)", tag, auth: "viewer", params, query: EvaluationQuery, response: SeverityEvaluationView },
  decideSeverity: { method: "post", path: "/api/incidents/{id}/severity", summary: "Accept the proposal, or override it with a rationale", tag, auth: "commander", params, body: DecideSeverityBody, response: appended, status: 201 },
  blastRadius: { method: "get", path: "/api/incidents/{id}/blast-radius", summary: "Which services read the topics of the incident's consumer groups: live readers from the newest sample behind the incident's evidence, named by the catalog; catalog-only (with the reason) when Kafka cannot be read", tag, auth: "viewer", params, response: BlastRadiusView },
  charts: { method: "get", path: "/api/incidents/{id}/charts", summary: "Lag, time lag, input and consume rates of the incident's groups over its window (stored evidence), with deploy / schema / config events and status and severity changes as markers", tag, auth: "viewer", params, response: IncidentChartsView },
  brokerCharts: { method: "get", path: "/api/incidents/{id}/broker-charts", summary: "Broker request latency (produce / fetch / queue / log append p99) beside storage and network signals (flush p99, bytes in/out, thread idle %) per broker over the incident window and a 5 min lead-in, from Prometheus (or the readings stored with the evidence when it does not answer); state says not-configured / unavailable / stale", tag, auth: "viewer", params, response: IncidentBrokerChartsView },
  setKeyTime: { method: "post", path: "/api/incidents/{id}/key-times", summary: "Set a key time (impact start, detected, acknowledged, mitigated, resolved)", tag, auth: "commander", params, body: KeyTimeBody, response: appended, status: 201 },
  command: { method: "post", path: "/api/incidents/{id}/command", summary: "Take command or hand it over", tag, auth: "commander", params, body: CommandBody, response: appended, status: 201 },
  postEvent: { method: "post", path: "/api/events", summary: "Deploy / schema-change event from a machine client; attached to open incidents whose scope it touches", tag, auth: "responder", body: PostEventBody, response: z.object({ attachedTo: z.array(z.object({ incidentId: z.string(), seq: z.number() })) }), status: 201 },
});
