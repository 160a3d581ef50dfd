/** The incident's routing as its log tells it (pure): the current owners and how they got there. */
import type { SuggestedOwner } from "@/lib/domain/catalog/match";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { OWNERS_SUGGESTED_KIND, ROUTING_CHANGED_KIND, type OwnersSuggestedPayload, type RoutingCause, type RoutingChangedPayload, type RoutingSide } from "./types";

export interface RoutingHistoryItem {
  seq: number;
  at: string;
  kind: "opened" | "changed";
  side: RoutingSide;
  from: RoutingSide | null;
  summary: string;
  trigger: RoutingChangedPayload["trigger"] | null;
  cause: RoutingCause | null;
  diagnosis: SuggestedOwner[];
  action: SuggestedOwner[];
}

export interface RoutingState {
  side: RoutingSide;
  impact: SuggestedOwner[];
  diagnosis: SuggestedOwner[];
  action: SuggestedOwner[];
  runbooks: { service: string; url: string }[];
  services: string[];
  unmatched: OwnersSuggestedPayload["unmatched"];
  matches: OwnersSuggestedPayload["matches"];
  platform: SuggestedOwner | null;
  freshnessSloSeconds: number | null;
  tier: OwnersSuggestedPayload["tier"];
  warnings: string[];
  history: RoutingHistoryItem[];
}

const names = (owners: readonly SuggestedOwner[]) => owners.map((o) => o.name).join(", ") || "nobody";

/** null until the log has its "owners-suggested" entry. Entries in any order (seq decides). */
export function deriveRouting(entries: readonly IncidentEntry[]): RoutingState | null {
  let state: RoutingState | null = null;
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.kind === OWNERS_SUGGESTED_KIND) {
      const p = e.payload as OwnersSuggestedPayload;
      const side = p.side ?? "consumer";
      state = {
        side,
        impact: p.owners.impact,
        diagnosis: p.owners.diagnosis,
        action: p.owners.action,
        runbooks: p.runbooks,
        services: p.services,
        unmatched: p.unmatched,
        matches: p.matches,
        platform: p.platform ?? null,
        freshnessSloSeconds: p.freshnessSloSeconds,
        tier: p.tier,
        warnings: p.matches.length === 0 ? ["the ownership catalog has no entry for this scope"] : [],
        history: [
          {
            seq: e.seq,
            at: e.createdAt,
            kind: "opened",
            side,
            from: null,
            summary: `Routed at open: impact ${names(p.owners.impact)}; diagnosis ${names(p.owners.diagnosis)}; action ${names(p.owners.action)}`,
            trigger: null,
            cause: null,
            diagnosis: p.owners.diagnosis,
            action: p.owners.action,
          },
        ],
      };
    } else if (e.kind === ROUTING_CHANGED_KIND && state) {
      const p = e.payload as RoutingChangedPayload;
      state.side = p.to;
      state.diagnosis = p.diagnosis;
      state.action = p.action;
      state.runbooks = [...p.runbooks, ...state.runbooks.filter((r) => !p.runbooks.some((x) => x.url === r.url))];
      state.warnings = p.warnings;
      state.history.push({ seq: e.seq, at: e.createdAt, kind: "changed", side: p.to, from: p.from, summary: p.summary, trigger: p.trigger, cause: p.cause, diagnosis: p.diagnosis, action: p.action });
    }
  }
  return state;
}
