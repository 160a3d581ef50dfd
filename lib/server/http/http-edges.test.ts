import { describe, expect, it } from "vitest";
import { routeApiRequest } from "./api-routing";
import { edgeVerdict } from "./edge-guard";
import { ALL_OPERATIONS } from "./openapi/operations";
import { pageContentSecurityPolicy } from "./security-headers";

describe("the edge guard's verdict on a request line", () => {
  it("passes ordinary requests, encoded or not", () => {
    for (const url of ["/", "/api/incidents/abc", "/api/cluster/groups/orders%2Dsink?minutes=15", "/api/x?q=%ZZ", "/incidents/%E2%9C%93"]) expect(edgeVerdict("GET", url)).toBeNull();
  });

  it("refuses broken percent-encoding in the path with 400", () => {
    for (const url of ["/api/incidents/%ZZ", "/incidents/%", "/api/cluster/topics/%E0%A4%A", "/a%C0%AF"]) expect(edgeVerdict("GET", url)?.code).toBe("BAD_REQUEST");
  });

  it("refuses TRACE and methods outside the API's with 405 and the allowed list", () => {
    for (const method of ["TRACE", "CONNECT", "PROPFIND", "PURGE"]) {
      const verdict = edgeVerdict(method, "/api/health");
      expect(verdict?.code).toBe("METHOD_NOT_ALLOWED");
      expect(verdict?.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    }
    expect(edgeVerdict("GET", "http://evil.example/api/health")?.code).toBe("BAD_REQUEST");
  });
});

describe("routing /api requests through the operation table", () => {
  it("serves declared operations, HEAD through GET and OPTIONS", () => {
    expect(routeApiRequest(ALL_OPERATIONS, "GET", "/api/incidents/abc/actions")).toEqual({ kind: "served" });
    expect(routeApiRequest(ALL_OPERATIONS, "HEAD", "/api/health")).toEqual({ kind: "served" });
    expect(routeApiRequest(ALL_OPERATIONS, "OPTIONS", "/api/health")).toEqual({ kind: "served" });
    expect(routeApiRequest(ALL_OPERATIONS, "GET", "/api/incidents/")).toEqual({ kind: "served" });
  });

  it("tells an unknown path from a known path with the wrong method", () => {
    expect(routeApiRequest(ALL_OPERATIONS, "GET", "/api/nope")).toEqual({ kind: "unknown-path" });
    expect(routeApiRequest(ALL_OPERATIONS, "GET", "/api/incidents/a/b/c/d/e")).toEqual({ kind: "unknown-path" });
    expect(routeApiRequest(ALL_OPERATIONS, "GET", "/api/incidents//actions")).toEqual({ kind: "unknown-path" });
    expect(routeApiRequest(ALL_OPERATIONS, "PUT", "/api/health")).toEqual({ kind: "wrong-method", allow: ["GET"] });
    expect(routeApiRequest(ALL_OPERATIONS, "DELETE", "/api/incidents")).toEqual({ kind: "wrong-method", allow: ["GET", "POST"] });
  });
});

describe("the pages' Content-Security-Policy", () => {
  it("runs scripts only with the response's nonce and is never framed", () => {
    const policy = pageContentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(pageContentSecurityPolicy("n", { dev: true })).toMatch(/script-src[^;]*'unsafe-eval'/);
  });
});
