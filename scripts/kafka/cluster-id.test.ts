import { describe, expect, it } from "vitest";
import { newClusterId } from "./local-kafka.mjs";

describe("newClusterId", () => {
  it("makes 22-character URL-safe ids of 16 bytes that kafka-storage cannot mistake for a flag", () => {
    // 1 id in 64 would start with "-" without the guard: 4,000 draws all but certainly meet one.
    const ids = Array.from({ length: 4000 }, () => newClusterId());
    // One assertion over the list: 8,000 expect() calls took past vitest's 5 s on a loaded machine.
    const wellFormed = /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/;
    expect(ids.filter((id) => !wellFormed.test(id) || Buffer.from(id, "base64url").length !== 16)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
