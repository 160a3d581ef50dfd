import { z } from "zod";
import { ACTION_STATUSES, ACTION_TYPES, CONTROL_LOOPS, FACTOR_CATEGORIES, REVIEW_STATES } from "@/lib/domain/review/types";

const text = (max: number) => z.string().max(max).default("");
const line = z.string().trim().min(1).max(2000);
const version = z.number().int().min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use yyyy-mm-dd").refine((s) => Number.isFinite(Date.parse(`${s}T00:00:00Z`)), "not a date");

export const ReviewContentSchema = z.object({
  summary: text(20_000),
  impactNotes: text(20_000),
  rootCauseNotes: text(20_000),
  contributingFactors: z.array(z.object({ category: z.enum(FACTOR_CATEGORIES), text: line })).max(50).default([]),
  fiveWhys: z.array(z.object({ question: z.string().max(2000).default(""), answer: z.string().max(4000).default("") })).max(10).default([]),
  controlLoops: z.array(z.enum(CONTROL_LOOPS)).max(CONTROL_LOOPS.length).default([]),
  controlLoopNotes: text(20_000),
  wentWell: z.array(line).max(50).default([]),
  wentBadly: z.array(line).max(50).default([]),
});

/** PUT /api/incidents/{id}/review: the whole written content and the version it was read at (0 = none yet). */
export const SaveReviewBody = z.object({ version, content: ReviewContentSchema });
export type SaveReviewBody = z.infer<typeof SaveReviewBody>;

export const ReviewStateBody = z.object({ to: z.enum(REVIEW_STATES), version });
export type ReviewStateBody = z.infer<typeof ReviewStateBody>;

export const CreateActionItemBody = z.object({
  title: z.string().trim().min(3, "say what will be done (3 characters or more)").max(500),
  type: z.enum(ACTION_TYPES),
  owner: z.string().trim().min(1, "every action item needs an owner").max(200),
  dueDate: day.nullable().default(null),
  status: z.enum(ACTION_STATUSES).default("open"),
  control: z.string().max(100).nullable().default(null),
});
export type CreateActionItemBody = z.infer<typeof CreateActionItemBody>;

export const UpdateActionItemBody = z.object({
  version,
  title: z.string().trim().min(3).max(500).optional(),
  type: z.enum(ACTION_TYPES).optional(),
  owner: z.string().trim().min(1).max(200).optional(),
  dueDate: day.nullable().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
});
export type UpdateActionItemBody = z.infer<typeof UpdateActionItemBody>;

export const ActionItemParams = z.object({ id: z.string().min(1).max(64), itemId: z.string().min(1).max(64) });
export const DeleteActionItemQuery = z.object({ version: z.coerce.number().int().min(0) });

export const PinBody = z.object({ entryId: z.string().min(1).max(64), pinned: z.boolean().default(true) });
export type PinBody = z.infer<typeof PinBody>;

export const MetricsQuery = z.object({
  includeDrills: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  weeks: z.coerce.number().int().min(1).max(104).default(12),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

export const ActionItemView = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  type: z.enum(ACTION_TYPES),
  owner: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  control: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
