import type { SeverityContext, StreamOwnership } from "@/lib/domain/severity/propose";
import { severityStreams, type ScopeNames } from "./match";
import type { CatalogEntry } from "./types";

export interface CatalogSeverityContext extends Pick<SeverityContext, "streams"> {
  streams: StreamOwnership[];
  /** the strictest freshness SLO among the streams in scope (for the incident classifier) */
  freshnessSloSeconds: number | null;
  /** the most important tier in scope */
  tier: StreamOwnership["tier"] | null;
}

const TIER_RANK = { critical: 0, important: 1, standard: 2 } as const;

/** The catalog's severity context of a scope: per stream, the strictest SLO, the most important tier. Pure. */
export function severityContextFrom(entries: readonly CatalogEntry[], scope: ScopeNames): CatalogSeverityContext {
  const streams = severityStreams(entries, scope);
  const slos = streams.map((s) => s.freshnessSloSeconds).filter((s): s is number => s !== undefined);
  const tiers = streams.map((s) => s.tier).filter((t): t is NonNullable<typeof t> => t !== undefined);
  return {
    streams,
    freshnessSloSeconds: slos.length ? Math.min(...slos) : null,
    tier: tiers.length ? tiers.reduce((a, b) => (TIER_RANK[a] <= TIER_RANK[b] ? a : b)) : null,
  };
}
