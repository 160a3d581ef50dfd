import { z } from "zod";
import { ANNOTATION_KINDS, INCIDENT_STATUSES, KEY_TIMES, SEVERITY_LEVELS } from "@/lib/domain/incidents/types";
import { QUESTION_IDS, type QuestionId } from "@/lib/domain/severity/questions";

const name = z.string().trim().min(1).max(249);
const names = z.array(name).max(50).default([]);
const isoTime = z.iso.datetime({ offset: true });
const idempotencyKey = z.string().min(8).max(100).optional();

export const IncidentScope = z.object({ topics: names, groups: names, services: names });

export const OpenIncidentBody = z.object({
  title: z.string().trim().min(3, "give the incident a title of at least 3 characters").max(200),
  /** Defaults to the default cluster (the clusters file's default, or KAFKA_CLUSTER_NAME); a cluster not configured here is refused. */
  cluster: z.string().trim().min(1).max(100).optional(),
  scope: IncidentScope.default({ topics: [], groups: [], services: [] }),
  summary: z.string().max(4000).optional(),
  impactStartedAt: isoTime.optional(),
  detectedAt: isoTime.optional(),
  idempotencyKey,
});
export type OpenIncidentBody = z.infer<typeof OpenIncidentBody>;

export const IncidentParams = z.object({ id: z.string().min(1).max(64) });

export const ListIncidentsQuery = z.object({
  status: z.enum([...INCIDENT_STATUSES, "open"]).optional(),
  severity: z.enum(SEVERITY_LEVELS).optional(),
  cluster: z.string().max(100).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  q: z.string().max(200).optional(),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

export const Link = z.object({ label: z.string().max(200).optional(), url: z.url({ protocol: /^https?$/ }) });

export const AnnotateBody = z.object({
  annotationKind: z.enum(ANNOTATION_KINDS),
  body: z.string().trim().min(1, "write something").max(20_000),
  links: z.array(Link).max(20).default([]),
  evidence: z
    .object({ kind: z.enum(["snapshot", "chart-range", "entry"]), ref: z.string().max(200), from: isoTime.optional(), to: isoTime.optional() })
    .optional(),
  idempotencyKey,
});
export type AnnotateBody = z.infer<typeof AnnotateBody>;

export const CorrectBody = z.object({ correctsEntryId: z.string().min(1).max(64), body: z.string().trim().min(1).max(20_000), idempotencyKey });

export const ChangeStatusBody = z.object({
  to: z.enum(INCIDENT_STATUSES),
  note: z.string().max(2000).optional(),
  expectedVersion: z.number().int().min(0).optional(),
  idempotencyKey,
  /** moving to resolution without a passing recovery verification needs a written reason (recorded in the log) */
  verificationOverride: z.string().trim().min(10, "a written reason of at least 10 characters").max(4000).optional(),
  /** closing as "not an incident / false alarm" (to: closed, from any open status): why; recorded and left out of MTTx */
  falseAlarm: z.string().trim().min(10, "a written reason of at least 10 characters").max(4000).optional(),
}).refine((b) => b.falseAlarm === undefined || b.to === "closed", { message: "falseAlarm closes the incident: it needs to: \"closed\"", path: ["falseAlarm"] });
export type ChangeStatusBody = z.infer<typeof ChangeStatusBody>;

/** What a commander tells the severity classifier (lib/domain/severity/questions.ts): null clears the SLO, "unknown" clears an answer. */
export const CommanderAnswersBody = z.object({
  freshnessSloSeconds: z.number().positive().max(30 * 86400).nullable().optional(),
  answers: z.partialRecord(z.enum(QUESTION_IDS as [QuestionId, ...QuestionId[]]), z.enum(["yes", "no", "unknown"])).optional(),
});
export type CommanderAnswersBody = z.infer<typeof CommanderAnswersBody>;

export const DecideSeverityBody = z
  .object({
    decision: z.enum(["accepted", "overridden"]),
    level: z.enum(SEVERITY_LEVELS),
    rationale: z.string().trim().max(4000).default(""),
    proposalSeq: z.number().int().positive().nullable().default(null),
    expectedVersion: z.number().int().min(0).optional(),
    idempotencyKey,
  })
  .refine((b) => b.decision === "accepted" || b.rationale.length >= 3, { path: ["rationale"], message: "an override needs a written rationale" });
export type DecideSeverityBody = z.infer<typeof DecideSeverityBody>;

export const KeyTimeBody = z.object({ key: z.enum(KEY_TIMES), at: isoTime, note: z.string().max(2000).optional(), expectedVersion: z.number().int().min(0).optional(), idempotencyKey });

export const CommandBody = z.object({ action: z.enum(["take", "hand-over"]), userId: z.string().max(64).optional(), expectedVersion: z.number().int().min(0).optional(), idempotencyKey });

export const StreamQuery = z.object({ after: z.coerce.number().int().min(0).optional() });

/** GET /api/incidents/{id}/severity/evaluation */
export const EvaluationQuery = z.object({ freshnessSloSeconds: z.coerce.number().positive().optional() });

export const PostEventBody = z.object({
  type: z.enum(["deploy", "schema-change", "config-change"]),
  description: z.string().trim().min(1).max(2000),
  at: isoTime.optional(),
  service: z.string().max(200).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  topics: names,
  groups: names,
  idempotencyKey,
});
export type PostEventBody = z.infer<typeof PostEventBody>;

export const EntryView = z.object({
  id: z.string(),
  incidentId: z.string(),
  seq: z.number(),
  kind: z.string(),
  item: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  createdAt: z.string(),
  payload: z.unknown(),
  correctsEntryId: z.string().nullable(),
});

export const IncidentSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  cluster: z.string(),
  scope: IncidentScope,
  status: z.enum(INCIDENT_STATUSES),
  severity: z.enum(SEVERITY_LEVELS).nullable(),
  commanderId: z.string().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
  lastSeq: z.number(),
  /** in the list: the incident is a drill's (listed apart, after the real ones) */
  drill: z.boolean().optional(),
});

/** The incident window's evidence charts (live on the incident page; the review freezes the same). */
export const IncidentChartsView = z.object({
  window: z.object({ from: z.number(), to: z.number() }),
  series: z.array(
    z.object({ at: z.number(), lag: z.number().nullable(), timeLagSeconds: z.number().nullable(), inputRatePerSec: z.number().nullable(), consumeRatePerSec: z.number().nullable() }),
  ),
  markers: z.array(z.object({ at: z.string(), kind: z.enum(["deploy", "schema-change", "config-change", "status", "severity", "opened"]), label: z.string() })),
});
export type IncidentChartsView = z.infer<typeof IncidentChartsView>;
