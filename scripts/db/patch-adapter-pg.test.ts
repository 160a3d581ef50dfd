import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { HUNKS, adapterFiles, patchAdapterSource } from "./patch-adapter-pg.mjs";

// The prisma/orm#27403 patch (and the one-query migration script) must be in the installed
// adapter: without them `migrate deploy` on PostgreSQL fails. This fails when an install stops
// applying them (adapter upgraded, postinstall skipped).
describe("@prisma/adapter-pg patch", () => {
  it("is applied to the installed adapter (CommonJS and ESM builds)", () => {
    for (const file of adapterFiles()) {
      const source = fs.readFileSync(file, "utf8");
      for (const hunk of HUNKS) expect(source, `${file}: ${hunk.name}`).toContain(hunk.marker);
      expect(source).toMatch(/case 19:\n\s*case 18:\n\s*case ScalarColumnType\.BPCHAR:/);
      expect(source).not.toMatch(/script\.split\(";"\)/);
      // re-running the patch changes nothing
      expect(patchAdapterSource(source)).toEqual({ source });
    }
  });

  it("names the hunks that find no place to apply", () => {
    expect(patchAdapterSource("function fieldToColumnType() {}")).toEqual({ missing: HUNKS.map((h) => h.name) });
  });
});
