import { describe, expect, it } from "vitest";
import { isSetupCode, setupCode } from "./setup-code";

describe("the first-run setup code", () => {
  it("is one code per process, in three groups of four unambiguous characters", () => {
    expect(setupCode()).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(setupCode()).toBe(setupCode());
  });

  it("matches as typed: case, spaces and dashes aside; nothing else matches", () => {
    const code = setupCode();
    expect(isSetupCode(code)).toBe(true);
    expect(isSetupCode(` ${code.toLowerCase().replaceAll("-", " ")} `)).toBe(true);
    expect(isSetupCode(undefined)).toBe(false);
    expect(isSetupCode("")).toBe(false);
    expect(isSetupCode(code.slice(0, -1))).toBe(false);
    expect(isSetupCode(code.slice(0, -1) + (code.endsWith("A") ? "B" : "A"))).toBe(false);
  });
});
