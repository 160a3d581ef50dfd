import { z } from "zod";
import { ITEM_ACTIONS } from "@/lib/domain/mitigation/types";
import { ACTION_STATUSES, RESET_MODES } from "@/lib/domain/mitigation/actions";

const name = z.string().trim().min(1).max(249);
const idempotencyKey = z.string().min(8).max(100).optional();

export const ActionParamsSchema = z.object({ id: z.string().min(1).max(64), actionId: z.string().min(1).max(64) });
export const ItemParamsSchema = z.object({ id: z.string().min(1).max(64), itemId: z.string().min(1).max(120) });

export const UpdateItemBody = z
  .object({
    action: z.enum(ITEM_ACTIONS),
    assigneeId: z.string().max(64).nullable().optional(),
    assigneeName: z.string().max(200).nullable().optional(),
    reason: z.string().trim().max(2000).nullable().optional(),
    expectedVersion: z.number().int().min(0).optional(),
    idempotencyKey,
  })
  .refine((b) => !(b.action === "skip" || b.action === "block") || (b.reason ?? "").length > 0, { path: ["reason"], message: "skipping or blocking an item needs a reason" });
export type UpdateItemBody = z.infer<typeof UpdateItemBody>;

export const ResetOffsetsRequest = z
  .object({
    kind: z.literal("reset-offsets"),
    groupId: name,
    topic: name,
    mode: z.enum(RESET_MODES),
    partitions: z.array(z.number().int().min(0)).max(10_000).optional(),
    timestampMs: z.number().int().min(0).optional(),
    offset: z.number().int().min(0).optional(),
    partition: z.number().int().min(0).optional(),
  })
  .refine((b) => b.mode !== "skip-one" || b.partition !== undefined, { path: ["partition"], message: "skip-one needs the partition of the poison record" })
  .refine((b) => b.mode !== "timestamp" || b.timestampMs !== undefined, { path: ["timestampMs"], message: "mode timestamp needs timestampMs" })
  .refine((b) => b.mode !== "offset" || b.offset !== undefined, { path: ["offset"], message: "mode offset needs an offset" });

export const ChangeRetentionRequest = z.object({
  kind: z.literal("change-retention"),
  topic: name,
  retentionMs: z.number().int().refine((n) => n === -1 || n >= 1, "retention.ms must be ≥ 1 ms, or -1 for forever"),
});

export const AddPartitionsRequest = z.object({ kind: z.literal("add-partitions"), topic: name, count: z.number().int().min(1).max(100_000) });

export const RequestActionBody = z.object({
  action: z.union([ResetOffsetsRequest, ChangeRetentionRequest, AddPartitionsRequest]),
  note: z.string().trim().max(2000).optional(),
  /** the checklist item that launched it, for the log */
  itemId: z.string().max(120).optional(),
  idempotencyKey,
});
export type RequestActionBody = z.infer<typeof RequestActionBody>;

export const DecideActionBody = z.object({ note: z.string().trim().max(2000).optional() });
export type DecideActionBody = z.infer<typeof DecideActionBody>;

export const VerifyQuery = z.object({
  freshnessSloSeconds: z.coerce.number().positive().max(30 * 86400).optional(),
  noGrowthSeconds: z.coerce.number().int().min(10).max(86400).default(300),
});
export const VerifyBody = z.object({
  freshnessSloSeconds: z.number().positive().max(30 * 86400).optional(),
  noGrowthSeconds: z.number().int().min(10).max(86400).default(300),
});
export type VerifyBody = z.infer<typeof VerifyBody>;

/** The checklist reads the sampler's history; ?fresh first asks the sampler for a sample starting now. */
export const ChecklistQuery = z.object({
  fresh: z.enum(["1", "true"]).optional(),
});

/** The credential a request or decision was made with (never a secret). */
export const Credential = z.object({ kind: z.enum(["session", "token"]), id: z.string().nullable(), name: z.string(), tokenKind: z.enum(["personal", "machine", "alert-source"]).nullable() });
export type Credential = z.infer<typeof Credential>;

const Decision = z.object({ id: z.string(), name: z.string(), via: Credential.nullable(), at: z.string().nullable(), expiresAt: z.string().nullable() });

export const GuardedActionView = z.object({
  id: z.string(),
  incidentId: z.string(),
  kind: z.enum(["reset-offsets", "change-retention", "add-partitions"]),
  params: z.unknown(),
  dryRun: z.unknown(),
  blastRadius: z.object({ level: z.enum(["low", "medium", "high"]), why: z.string() }),
  needsApproval: z.boolean(),
  status: z.enum(ACTION_STATUSES),
  /** accountableId: the person who answers for the request (a machine token's creator) */
  requestedBy: z.object({ id: z.string(), name: z.string(), accountableId: z.string().nullable(), via: Credential.nullable() }),
  /** who approved, with which credential, when, and until when the approval counts */
  approvedBy: Decision.nullable(),
  /** offset changes of a catalogued group: the data owner whose mapped people must approve */
  requiredOwner: z.string().nullable(),
  rollbackRequest: z.object({ by: z.object({ id: z.string(), name: z.string() }), accountableId: z.string().nullable(), via: Credential.nullable(), at: z.string() }).nullable(),
  rollbackApproval: Decision.nullable(),
  decisionNote: z.string().nullable(),
  executedAt: z.string().nullable(),
  result: z.unknown().nullable(),
  rollback: z.unknown(),
  rolledBackAt: z.string().nullable(),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  createdAt: z.string(),
});
export type GuardedActionView = z.infer<typeof GuardedActionView>;
