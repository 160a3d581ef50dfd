import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

const API_DIR = path.resolve(import.meta.dirname, "../../../../app/api");

/** Every app/api/**\/route.ts as "METHOD /api/path/{param}", read from its exported handlers. */
function declaredRoutes(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return declaredRoutes(full);
    if (e.name !== "route.ts") return [];
    const url = "/api/" + path.relative(API_DIR, path.dirname(full)).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
    const methods = [...fs.readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    return methods.map((m) => `${m} ${url.replace(/\/$/, "")}`);
  });
}

// A route left out of the document is invisible to API clients and to the docs page: this
// fails when a handler is added without its operation (lib/server/http/openapi/*-operations.ts).
describe("the OpenAPI document", () => {
  it("documents every route handler under app/api", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const documented = new Set(Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = declaredRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
  });
});
