import "server-only";
import { leafById } from "@/lib/domain/diagnosis/tree";
import { TREE_MARK_KIND, type TreeMarkPayload } from "@/lib/domain/diagnosis-marks/types";
import type { MarkNodeBody } from "@/lib/schemas/diagnosis";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";

/**
 * A commander's decision on a tree node: investigating, ruled out or confirmed (the last two
 * with a note). Appended to the incident log, so every open browser sees it through the live
 * stream; the node's current mark is its newest mark entry. `expectedVersion` (the seq of the
 * node's previous mark, 0 for none) refuses with 409 when someone marked it meanwhile.
 */
export function markNode(incidentId: string, body: MarkNodeBody, principal: Principal): Promise<AppendResult> {
  if (!leafById(body.leafId)) throw new AppError("UNPROCESSABLE", `no root-cause tree node is called ${body.leafId}`);
  const payload: TreeMarkPayload = { leafId: body.leafId, mark: body.mark, note: body.note };
  return appendEntry({
    incidentId,
    kind: TREE_MARK_KIND,
    item: `tree-mark:${body.leafId}`,
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey,
    author: authorOf(principal),
    check: (incident) => {
      if (incident.status === "closed") throw new AppError("CONFLICT", "the incident is closed; its tree takes no more marks");
    },
    payload,
  });
}
