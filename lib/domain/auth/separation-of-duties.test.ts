import { describe, expect, it } from "vitest";
import { approvalExpiresAt, approvalRefusal, ownerKey, type ApprovalNeeds } from "./separation-of-duties";

const needs = (over: Partial<ApprovalNeeds> = {}): ApprovalNeeds => ({ requestedBy: "ada", approverRole: "responder", owner: null, what: "this action", ...over });

describe("who may approve a guarded action", () => {
  it("a second person with the approver role", () => {
    expect(approvalRefusal({ personId: "remy", name: "Remy", role: "responder" }, needs())).toBeNull();
  });

  it("never the requester, whichever credential either side used", () => {
    expect(approvalRefusal({ personId: "ada", name: "Ada", role: "admin" }, needs())).toMatch(/you requested this action/);
  });

  it("never a machine token, even an admin one, and never below the approver role", () => {
    expect(approvalRefusal({ personId: null, name: "ci", role: "admin" }, needs({ requestedBy: null }))).toMatch(/machine token cannot approve/);
    expect(approvalRefusal({ personId: "vic", name: "Vic", role: "viewer" }, needs())).toMatch(/only a responder or higher/);
    expect(approvalRefusal({ personId: "remy", name: "Remy", role: "responder" }, needs({ approverRole: "commander" }))).toMatch(/only a commander or higher/);
  });

  it("for a catalogued group's offsets, only a person mapped to its data owner", () => {
    const owner = { name: "Billing Data", memberIds: ["bea"], groupId: "billing-sink" };
    expect(approvalRefusal({ personId: "remy", name: "Remy", role: "admin" }, needs({ owner }))).toMatch(/need approval by its data owner "Billing Data".*Remy is not mapped/);
    expect(approvalRefusal({ personId: "bea", name: "Bea", role: "responder" }, needs({ owner }))).toBeNull();
    expect(approvalRefusal({ personId: "bea", name: "Bea", role: "responder" }, needs({ owner, requestedBy: "bea" }))).toMatch(/you requested/);
    expect(approvalRefusal({ personId: "remy", name: "Remy", role: "admin" }, needs({ owner: { ...owner, memberIds: [] } }))).toMatch(/Nobody is mapped to "Billing Data"/);
  });

  it("expires after its lifetime; owners are matched by name, case and spacing aside", () => {
    expect(approvalExpiresAt(new Date("2026-01-01T10:00:00Z"), 30).toISOString()).toBe("2026-01-01T10:30:00.000Z");
    expect(ownerKey("  Billing   Data ")).toBe(ownerKey("billing data"));
  });
});
