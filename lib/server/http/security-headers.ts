/**
 * The response headers every page and API answer carries (proxy.ts, next.config.js, the edge
 * guard). Pure: no Next, no I/O, so the proxy, the config and the tests share one definition.
 */

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  // Old browsers that ignore CSP frame-ancestors; a signed-in incident page is never framed.
  "x-frame-options": "DENY",
  // Incident ids and filters in URLs stay on this origin.
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/**
 * The pages' Content-Security-Policy. Scripts run only with this response's nonce (Next puts it on
 * its own inline and chunk scripts; 'strict-dynamic' lets those load the rest of the bundle).
 * Inline style attributes stay allowed: React and the charts set them, and a style cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers are data, never documents: nothing may load or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
