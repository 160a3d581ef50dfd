import { describe, expect, it } from "vitest";
import { waitingDecisions, type ActionForDecision } from "./waiting-decisions";

const action = (id: string, over: Partial<ActionForDecision>): ActionForDecision => ({
  id,
  kind: "change-retention",
  status: "requested",
  needsApproval: true,
  dryRun: { kind: "change-retention", summary: "orders: retention.ms 86400000 → 604800000" },
  requestedBy: { id: "u-cora", name: "Cora", accountableId: "u-cora" },
  rollbackRequest: null,
  createdAt: "2026-01-05T09:10:00.000Z",
  ...over,
});

describe("waitingDecisions", () => {
  const actions = [
    action("a-late", { createdAt: "2026-01-05T09:20:00.000Z", kind: "reset-offsets", dryRun: { summary: "billing on orders to a timestamp" } }),
    action("a-first", {}),
    action("a-no-approval", { needsApproval: false }),
    action("a-approved", { status: "approved" }),
    action("a-executed", { status: "executed" }),
    action("a-rollback", { status: "rollback-requested", rollbackRequest: { by: { id: "u-remy", name: "Remy" }, accountableId: "u-remy", at: "2026-01-05T09:15:00.000Z" } }),
  ];

  it("lists requested approvals and rollback approvals, oldest first, with what the dry run says", () => {
    const w = waitingDecisions(actions, "u-tia");
    expect(w.map((x) => [x.actionId, x.what])).toEqual([
      ["a-first", "approval"],
      ["a-rollback", "rollback-approval"],
      ["a-late", "approval"],
    ]);
    expect(w[0]).toMatchObject({ title: "Change topic retention — orders: retention.ms 86400000 → 604800000", requestedBy: "Cora", mine: false });
    expect(w[1]).toMatchObject({ requestedBy: "Remy", since: "2026-01-05T09:15:00.000Z" });
  });

  it("marks the viewer's own requests (someone else must decide), by person or by the token's owner", () => {
    expect(waitingDecisions(actions, "u-cora").filter((x) => x.mine).map((x) => x.actionId)).toEqual(["a-first", "a-late"]);
    expect(waitingDecisions([action("t", { requestedBy: { id: "tok-1", name: "ci", accountableId: "u-remy" } })], "u-remy")[0]?.mine).toBe(true);
    expect(waitingDecisions(actions, null).some((x) => x.mine)).toBe(false);
  });

  it("is empty when nothing waits", () => {
    expect(waitingDecisions([action("x", { status: "rejected" })], "u-tia")).toEqual([]);
  });
});
