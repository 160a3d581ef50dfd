import { NextResponse, type NextRequest } from "next/server";
import { routeApiRequest } from "@/lib/server/http/api-routing";
import { ALL_OPERATIONS } from "@/lib/server/http/openapi/operations";
import { problemBody, problemHeaders } from "@/lib/server/http/problem";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS, pageContentSecurityPolicy } from "@/lib/server/http/security-headers";

/**
 * Runs before every page and API request (Next 16's proxy, formerly middleware): unknown /api paths
 * and methods answer problem+json (not Next's HTML 404 or an empty 405), API answers are never
 * cached, and every page gets a fresh CSP nonce that Next puts on its own scripts.
 */
function refuse(status: 404 | 405, detail: string, allow?: string[]): NextResponse {
  const requestId = crypto.randomUUID();
  const body = problemBody(status === 404 ? "NOT_FOUND" : "METHOD_NOT_ALLOWED", detail, requestId);
  const headers = new Headers({ ...STATIC_SECURITY_HEADERS, ...problemHeaders(requestId), "content-security-policy": API_CONTENT_SECURITY_POLICY });
  if (allow) headers.set("allow", allow.join(", "));
  return new NextResponse(JSON.stringify(body), { status, headers });
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    const routing = routeApiRequest(ALL_OPERATIONS, request.method, pathname);
    if (routing.kind === "unknown-path") return refuse(404, `there is no API operation at ${pathname}; see /api/openapi.json`);
    if (routing.kind === "wrong-method") return refuse(405, `${request.method} is not supported on ${pathname}; use ${routing.allow.join(" or ")}`, routing.allow);
    const response = NextResponse.next();
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
    response.headers.set("cache-control", "no-store");
    response.headers.set("content-security-policy", API_CONTENT_SECURITY_POLICY);
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  // Next reads the nonce from the request's CSP header while rendering; the layout reads x-nonce.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Built assets (hashed JS, CSS, fonts) need neither a nonce nor an API answer.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
