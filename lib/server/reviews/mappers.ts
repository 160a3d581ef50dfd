import "server-only";
import type { ActionItem as ActionItemRow, Review as ReviewRow } from "@prisma/client";
import { emptyContent, type ActionItem, type ActionStatus, type ActionType, type ReviewContent, type ReviewState } from "@/lib/domain/review/types";
import { ReviewContentSchema } from "@/lib/schemas/reviews";

export function toActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    incidentId: row.incidentId,
    title: row.title,
    type: row.type as ActionType,
    owner: row.owner,
    dueDate: row.dueDate,
    status: row.status as ActionStatus,
    control: row.control,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Stored content read leniently: fields added later get their defaults. */
export function parseContent(raw: string): ReviewContent {
  try {
    const parsed = ReviewContentSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : emptyContent();
  } catch {
    return emptyContent();
  }
}

export interface ReviewRecord {
  state: ReviewState;
  version: number;
  content: ReviewContent;
  publishedAt: string | null;
  publishedBy: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** A review that was never saved reads as an empty draft at version 0. */
export function toReviewRecord(row: ReviewRow | null): ReviewRecord {
  if (!row) return { state: "draft", version: 0, content: emptyContent(), publishedAt: null, publishedBy: null, updatedBy: null, updatedAt: null };
  return {
    state: row.state as ReviewState,
    version: row.version,
    content: parseContent(row.content),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: row.publishedBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
