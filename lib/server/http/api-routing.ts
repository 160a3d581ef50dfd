import type { HttpMethod, Operation } from "./openapi/types";

/** How the operation table answers a request to /api/…: served, unknown path, or wrong method. Pure. */
export type ApiRouting = { kind: "served" } | { kind: "unknown-path" } | { kind: "wrong-method"; allow: string[] };

function segmentsMatch(pattern: string[], path: string[]): boolean {
  return pattern.length === path.length && pattern.every((p, i) => (p.startsWith("{") && p.endsWith("}") ? path[i] !== "" : p === path[i]));
}

export function routeApiRequest(operations: readonly Operation[], method: string, pathname: string): ApiRouting {
  const path = pathname.replace(/\/+$/, "").split("/");
  const methods = new Set<HttpMethod>();
  for (const op of operations) if (segmentsMatch(op.path.split("/"), path)) methods.add(op.method);
  if (methods.size === 0) return { kind: "unknown-path" };
  const wanted = method.toLowerCase();
  // HEAD is answered by GET handlers and OPTIONS by Next itself.
  if (wanted === "options" || methods.has(wanted as HttpMethod) || (wanted === "head" && methods.has("get"))) return { kind: "served" };
  return { kind: "wrong-method", allow: [...methods].map((m) => m.toUpperCase()).sort() };
}
