import { describe, expect, it } from "vitest";
import { checkAccess, type Caller } from "./access";
import { lowerRole } from "./roles";

const session = (role: Caller["role"]): Caller => ({ role, tokenKind: null });

describe("the API's access rule", () => {
  it("lets anyone call public operations and nobody else call the others", () => {
    expect(checkAccess("public", null)).toBe("allowed");
    expect(checkAccess("viewer", null)).toBe("unauthenticated");
    expect(checkAccess("alert-source", null)).toBe("unauthenticated");
  });

  it("orders roles viewer < responder < commander < admin, for sessions and personal or machine tokens alike", () => {
    expect(checkAccess("commander", session("responder"))).toBe("below-role");
    expect(checkAccess("commander", session("admin"))).toBe("allowed");
    expect(checkAccess("responder", { role: "responder", tokenKind: "machine" })).toBe("allowed");
    expect(checkAccess("admin", { role: "commander", tokenKind: "personal" })).toBe("below-role");
  });

  it("keeps alert routes for alert-source tokens, and those tokens to alert routes", () => {
    expect(checkAccess("alert-source", { role: "admin", tokenKind: null })).toBe("needs-alert-source");
    expect(checkAccess("alert-source", { role: "responder", tokenKind: "personal" })).toBe("needs-alert-source");
    expect(checkAccess("alert-source", { role: "admin", tokenKind: "machine" })).toBe("needs-alert-source");
    expect(checkAccess("alert-source", { role: "viewer", tokenKind: "alert-source" })).toBe("allowed");
    expect(checkAccess("viewer", { role: "admin", tokenKind: "alert-source" })).toBe("alert-source-only");
    expect(checkAccess("public", { role: "admin", tokenKind: "alert-source" })).toBe("allowed");
  });

  it("caps a personal token at its owner's role", () => {
    expect(lowerRole("admin", "responder")).toBe("responder");
    expect(lowerRole("viewer", "commander")).toBe("viewer");
  });
});
