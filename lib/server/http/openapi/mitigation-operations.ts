import { z } from "zod";
import { ChecklistQuery, DecideActionBody, GuardedActionView, RequestActionBody, UpdateItemBody, VerifyBody, VerifyQuery } from "@/lib/schemas/mitigation";
import type { Operation } from "./types";

const tag = "mitigation";
const one = z.object({ action: GuardedActionView });

export const mitigationOperations: Operation[] = [
  { method: "get", path: "/api/incidents/{id}/mitigation", summary: "The mitigation checklist from the likely and confirmed causes, preconditions evaluated on live Kafka, item states from the log", tag, auth: "viewer", query: ChecklistQuery },
  { method: "post", path: "/api/incidents/{id}/mitigation/items/{itemId}", summary: "Assign, start, finish, skip (reason) or block (reason) a checklist item; expectedVersion → 409 on a concurrent change", tag, auth: "responder", body: UpdateItemBody, status: 201 },
  { method: "get", path: "/api/incidents/{id}/mitigation/verification", summary: "Verification before resolve (lag falling, freshness under the SLO, no growth for a period) on live Kafka, not recorded", tag, auth: "viewer", query: VerifyQuery },
  { method: "post", path: "/api/incidents/{id}/mitigation/verification", summary: "Run the verification and record it (its lag sample feeds the no-growth check)", tag, auth: "responder", body: VerifyBody, status: 201 },
  { method: "get", path: "/api/incidents/{id}/actions", summary: "The incident's guarded Kafka actions, newest first", tag, auth: "viewer", response: z.object({ actions: z.array(GuardedActionView) }) },
  { method: "post", path: "/api/incidents/{id}/actions", summary: "Request a guarded action (offsets reset, retention change, add partitions): the dry run is computed from live Kafka and stored", tag, auth: "commander", body: RequestActionBody, response: one, status: 201 },
  { method: "get", path: "/api/incidents/{id}/actions/{actionId}", summary: "One guarded action with its dry run, approval, result read back and rollback recipe", tag, auth: "viewer", response: one },
  { method: "post", path: "/api/incidents/{id}/actions/{actionId}/approve", summary: "Approve as a second person (never the requester; responder or higher)", tag, auth: "responder", body: DecideActionBody, response: one },
  { method: "post", path: "/api/incidents/{id}/actions/{actionId}/reject", summary: "Reject a requested or approved action", tag, auth: "responder", body: DecideActionBody, response: one },
  { method: "post", path: "/api/incidents/{id}/actions/{actionId}/execute", summary: "Execute an approved action: re-checks preconditions live (offsets: group without active members), runs it, reads the result back", tag, auth: "commander", response: one },
  { method: "post", path: "/api/incidents/{id}/actions/{actionId}/rollback", summary: "Apply the recorded rollback recipe of an executed action and read the result back", tag, auth: "commander", response: one },
];
