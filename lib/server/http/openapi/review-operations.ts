import { z } from "zod";
import { EntryView, IncidentParams } from "@/lib/schemas/incidents";
import { ActionItemParams, ActionItemView, CreateActionItemBody, DeleteActionItemQuery, MetricsQuery, PinBody, ReviewStateBody, SaveReviewBody, UpdateActionItemBody } from "@/lib/schemas/reviews";
import { defineOperations } from "./types";

const tag = "reviews";
const params = IncidentParams;
const review = z.object({ review: z.object({ state: z.string(), version: z.number(), content: z.unknown(), publishedAt: z.string().nullable(), publishedBy: z.string().nullable() }) });

export const reviewOperations = defineOperations({
  get: { method: "get", path: "/api/incidents/{id}/review", summary: "The post-incident review: written content, impact from stored evidence, timeline excerpt, root cause, action items, chart series (a published review is its frozen snapshot)", tag, auth: "viewer", params },
  save: { method: "put", path: "/api/incidents/{id}/review", summary: "Save the written review (draft or in review); `version` = the version read (0 creates) → 409 if stale; 409 once published", tag, auth: "commander", params, body: SaveReviewBody, response: review, maxBodyBytes: 256 * 1024 },
  changeState: { method: "post", path: "/api/incidents/{id}/review/state", summary: "Move the review draft → in-review → published (in-review → draft); publishing needs the incident resolved and freezes the document", tag, auth: "commander", params, body: ReviewStateBody, response: review },
  createActionItem: { method: "post", path: "/api/incidents/{id}/review/action-items", summary: "Add a preventive action item (detect / prevent / mitigate) with owner and due date", tag, auth: "commander", params, body: CreateActionItemBody, response: z.object({ actionItem: ActionItemView }), status: 201 },
  updateActionItem: { method: "patch", path: "/api/incidents/{id}/review/action-items/{itemId}", summary: "Change an action item at its version (409 if stale); after publishing only status, owner and due date", tag, auth: "commander", params: ActionItemParams, body: UpdateActionItemBody, response: z.object({ actionItem: ActionItemView }) },
  deleteActionItem: { method: "delete", path: "/api/incidents/{id}/review/action-items/{itemId}", summary: "Remove an action item (?version=); not once the review is published", tag, auth: "commander", params: ActionItemParams, query: DeleteActionItemQuery, status: 204 },
  markdown: { method: "get", path: "/api/incidents/{id}/review.md", summary: "The review as wiki-ready Markdown (download)", tag, auth: "viewer", params, responseType: "text/markdown" },
  exportJson: { method: "get", path: "/api/incidents/{id}/export.json", summary: "The whole incident as JSON: incident, state, log and review (download)", tag, auth: "viewer", params },
  pin: { method: "post", path: "/api/incidents/{id}/pins", summary: "Pin (or unpin) a log entry into the review's timeline excerpt (a review-pin log entry)", tag, auth: "commander", params, body: PinBody, response: z.object({ entry: EntryView, duplicate: z.boolean() }), status: 201 },
  metrics: { method: "get", path: "/api/metrics", summary: "Manager's dashboard: MTTD/MTTA/MTTR (median, p90, n of m) and weekly trends, incidents by severity, causes by category, repeat causes, action items; drills excluded unless includeDrills=true", tag, auth: "viewer", query: MetricsQuery },
});
