import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isRegisteredKind } from "@/lib/domain/incidents/entry-kinds";

/** Every entry kind written as a literal by the server code (appendEntry / appendInTransaction / the alerts' append) is registered. */
describe("kinds appended by the server", () => {
  const root = path.resolve(__dirname, "..");
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(n) && !/\.test\.ts$/.test(n) ? [p] : [];
  });
  const appended = new Map<string, string>();
  for (const file of files(root)) {
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/(?:appendEntry|appendInTransaction)\(\s*(?:\w+,\s*)?\{[^}]*?\bkind:\s*"([a-z][a-z-]*)"/g)) appended.set(m[1]!, path.relative(root, file));
    for (const m of src.matchAll(/\bappend\(\s*\w+,\s*"([a-z][a-z-]*)"/g)) appended.set(m[1]!, path.relative(root, file));
  }

  it("finds the kinds (the scan itself works)", () => {
    expect([...appended.keys()]).toEqual(expect.arrayContaining(["incident-opened", "annotation", "alert-firing", "owners-suggested", "drill-started"]));
  });

  it("has a describer for each", () => {
    expect([...appended].filter(([kind]) => !isRegisteredKind(kind))).toEqual([]);
  });
});
