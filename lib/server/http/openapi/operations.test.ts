import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alertOperations, catalogOperations, ownerOperations } from "./catalog-operations";
import { clusterOperations } from "./cluster-operations";
import { coreOperations } from "./core-operations";
import { diagnosisOperations } from "./diagnosis-operations";
import { openApiDocument } from "./document";
import { drillOperations } from "./drill-operations";
import { freshnessOperations } from "./freshness-operations";
import { incidentOperations } from "./incident-operations";
import { mitigationOperations } from "./mitigation-operations";
import { observabilityOperations } from "./observability-operations";
import { notificationOperations } from "./notification-operations";
import { ALL_OPERATIONS } from "./operations";
import { reviewOperations } from "./review-operations";
import type { Operation } from "./types";

const API_DIR = path.resolve(import.meta.dirname, "../../../../app/api");

const GROUPS: Record<string, Record<string, Operation>> = {
  alertOperations, catalogOperations, ownerOperations, clusterOperations, coreOperations, diagnosisOperations, drillOperations, incidentOperations, mitigationOperations, notificationOperations, reviewOperations, observabilityOperations, freshnessOperations,
};

interface DeclaredRoute {
  /** "METHOD /api/path/{param}" from the file's location and exported handler */
  route: string;
  /** the operation the handler passes to route(), as "group.name" */
  operation: string | null;
}

/** Every exported handler of every app/api/**\/route.ts, with the operation it serves. */
function declaredRoutes(dir = API_DIR): DeclaredRoute[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return declaredRoutes(full);
    if (e.name !== "route.ts") return [];
    const url = ("/api/" + path.relative(API_DIR, path.dirname(full)).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}")).replace(/\/$/, "");
    const source = fs.readFileSync(full, "utf8");
    return [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b(?: = route\((\w+)\.(\w+)\b)?/g)].map((m) => ({
      route: `${m[1]} ${url}`,
      operation: m[2] && m[3] ? `${m[2]}.${m[3]}` : null,
    }));
  });
}

const keyOf = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

// A route left out of the document is invisible to API clients; a handler passing another route's
// operation would enforce the wrong role. Both fail here.
describe("the operations", () => {
  const routes = declaredRoutes();

  it("are what every route handler under app/api passes to route(), for its own method and path", () => {
    expect(routes.length).toBeGreaterThan(10);
    const wrong = routes.filter((r) => {
      const [group, name] = r.operation?.split(".") ?? [];
      const op = group && name ? GROUPS[group]?.[name] : undefined;
      return !op || keyOf(op) !== r.route;
    });
    expect(wrong).toEqual([]);
  });

  it("each have a handler, once, and are all in the OpenAPI document", () => {
    const served = routes.map((r) => r.route);
    expect(ALL_OPERATIONS.map(keyOf).filter((k) => !served.includes(k))).toEqual([]);
    expect(new Set(ALL_OPERATIONS.map(keyOf)).size).toBe(ALL_OPERATIONS.length);
    const paths = openApiDocument().paths as Record<string, Record<string, { "x-required-role"?: string }>>;
    for (const op of ALL_OPERATIONS) expect(paths[op.path]?.[op.method]?.["x-required-role"]).toBe(op.auth);
  });
});
