import "server-only";
import { redirect } from "next/navigation";
import { clusterOf } from "../evidence/cluster-identity";
import { configuredClusters } from "./configured-clusters";

export type PageCluster = { configured: true; name: string } | { configured: false; name: string; known: string[] };

/**
 * The cluster a page URL names (/clusters/NAME/…). "default" (an older incident's cluster, or an
 * old /cluster link) redirects to the default cluster's own URL, built by `pathOf`; a name not
 * configured here comes back as such with the configured ones, for the page to say so (never 5xx).
 */
export function pageCluster(raw: string, pathOf: (cluster: string) => string): PageCluster {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  if (name === "default") redirect(pathOf(clusterOf(null)));
  const known = configuredClusters().map((c) => c.name);
  if (known.length > 0 && !known.includes(name)) return { configured: false, name, known };
  return { configured: true, name };
}

/** A page's search params as a query string (`?a=b`, or empty), so a redirect keeps filters and windows. */
export function searchOf(params: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, x);
  const s = q.toString();
  return s ? `?${s}` : "";
}
