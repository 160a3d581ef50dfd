import { z } from "zod";
import { IncidentParams } from "@/lib/schemas/incidents";
import { ActionParamsSchema, ChecklistQuery, DecideActionBody, GuardedActionView, ItemParamsSchema, RequestActionBody, UpdateItemBody, VerifyBody, VerifyQuery } from "@/lib/schemas/mitigation";
import { defineOperations } from "./types";

const tag = "mitigation";
const one = z.object({ action: GuardedActionView });
const params = IncidentParams;
const actionParams = ActionParamsSchema;

export const mitigationOperations = defineOperations({
  checklist: { method: "get", path: "/api/incidents/{id}/mitigation", summary: "The mitigation checklist from the likely and confirmed causes, preconditions evaluated on the scope's evidence (the sampler's history: nothing is sampled for it), item states from the log", tag, auth: "viewer", params, query: ChecklistQuery },
  updateItem: { method: "post", path: "/api/incidents/{id}/mitigation/items/{itemId}", summary: "Assign, start, finish, skip (reason) or block (reason) a checklist item; expectedVersion → 409 on a concurrent change", tag, auth: "responder", params: ItemParamsSchema, body: UpdateItemBody, status: 201 },
  verification: { method: "get", path: "/api/incidents/{id}/mitigation/verification", summary: "Verification before resolve (lag falling, freshness under the SLO, no growth for a period) on the scope's evidence and its sampled history, not recorded", tag, auth: "viewer", params, query: VerifyQuery },
  verify: { method: "post", path: "/api/incidents/{id}/mitigation/verification", summary: "Run the verification and record it in the log", tag, auth: "responder", params, body: VerifyBody, status: 201 },
  listActions: { method: "get", path: "/api/incidents/{id}/actions", summary: "The incident's guarded Kafka actions, newest first", tag, auth: "viewer", params, response: z.object({ actions: z.array(GuardedActionView) }) },
  requestAction: { method: "post", path: "/api/incidents/{id}/actions", summary: "Request a guarded action (offsets reset, retention change, add partitions): the dry run is computed from live Kafka and stored", tag, auth: "commander", params, body: RequestActionBody, response: one, status: 201 },
  getAction: { method: "get", path: "/api/incidents/{id}/actions/{actionId}", summary: "One guarded action with its dry run, approval, result read back and rollback recipe", tag, auth: "viewer", params: actionParams, response: one },
  approve: { method: "post", path: "/api/incidents/{id}/actions/{actionId}/approve", summary: "Approve a requested action, or the requested rollback of an executed one, as a second person: never the requester (compared by person, whatever credential), never a machine token; a catalogued group's offsets only by a person mapped to its action owner; counts for RIPCORD_APPROVAL_MINUTES", tag, auth: "responder", params: actionParams, body: DecideActionBody, response: one },
  reject: { method: "post", path: "/api/incidents/{id}/actions/{actionId}/reject", summary: "Reject a requested or approved action, or decline a requested rollback (the action stays executed)", tag, auth: "responder", params: actionParams, body: DecideActionBody, response: one },
  execute: { method: "post", path: "/api/incidents/{id}/actions/{actionId}/execute", summary: "Execute an approved action: re-checks the approval (not expired, approver still enabled, with the role, mapped to the data owner), the checklist's stop conditions and the live preconditions (offsets: group without active members), runs it, reads the result back", tag, auth: "commander", params: actionParams, response: one },
  rollback: { method: "post", path: "/api/incidents/{id}/actions/{actionId}/rollback", summary: "Roll back an executed action: a high-blast-radius one is first requested (rollback-requested), approved by a second person, then applied from the recorded recipe and read back", tag, auth: "commander", params: actionParams, response: one },
});
