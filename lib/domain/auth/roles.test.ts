import { describe, expect, it } from "vitest";
import { ROLES, isRole, roleAtLeast } from "./roles";

describe("roles", () => {
  it("orders viewer < responder < commander < admin", () => {
    expect(roleAtLeast("admin", "commander")).toBe(true);
    expect(roleAtLeast("commander", "responder")).toBe(true);
    expect(roleAtLeast("responder", "commander")).toBe(false);
    expect(roleAtLeast("viewer", "responder")).toBe(false);
    for (const role of ROLES) expect(roleAtLeast(role, role)).toBe(true);
  });

  it("recognises only the four role names", () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole("manager")).toBe(false);
    expect(isRole("")).toBe(false);
  });
});
