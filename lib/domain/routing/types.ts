/**
 * Routing of an incident (seed 004): who feels the impact, who diagnoses, who acts — and how
 * that follows the diagnosis. The log holds it: an "owners-suggested" entry when the incident
 * opens (every way it opens), then a "routing-changed" entry each time the leading cause moves
 * to another side of the root-cause tree (the consumer's team → the platform team for a broker
 * cause). The impact owner never moves: the people whose data is stale stay the people whose
 * data is stale, whoever fixes it.
 */
import type { SuggestedOwner } from "@/lib/domain/catalog/match";
import type { Owner, OwnerRole, Tier } from "@/lib/domain/catalog/types";
import type { BranchId } from "@/lib/domain/diagnosis/tree";
import type { StreamOwnership } from "@/lib/domain/severity/propose";

export const OWNERS_SUGGESTED_KIND = "owners-suggested";
export const ROUTING_CHANGED_KIND = "routing-changed";

/**
 * Which side of a shared Kafka owns the diagnosis and the action. `consumer`: the consuming
 * application (its group's catalog entry); `producer`: the producing service (its topic's
 * entry); `platform`: the cluster's platform owner (brokers, storage, topics, partitions —
 * seed 004: "the platform owns topics, partitions, quotas, ACLs, storage … broker lifecycle").
 */
export const ROUTING_SIDES = ["consumer", "producer", "platform"] as const;
export type RoutingSide = (typeof ROUTING_SIDES)[number];

export const ROUTING_SIDE_LABELS: Record<RoutingSide, string> = {
  consumer: "consuming application",
  producer: "producing service",
  platform: "Kafka platform",
};

/** The root-cause tree's branches by the side that owns their causes. */
export const SIDE_OF_BRANCH: Record<BranchId, RoutingSide> = {
  consumer: "consumer",
  processor: "consumer",
  sink: "consumer",
  change: "consumer",
  producer: "producer",
  broker: "platform",
  cluster: "platform",
  topic: "platform",
};

/** A cluster's platform owner and routing defaults (Settings → Notifications). */
export interface ClusterRoutingSettings {
  cluster: string;
  defaultChannel: string | null;
  approversChannel: string | null;
  platformOwner: Owner | null;
  platformChannel: string | null;
  platformRunbook: string | null;
}

export interface RoutingMatch {
  kind: "topic" | "group";
  name: string;
  match: string;
  service: string;
  team: string;
  tier: Tier;
  freshnessSloSeconds: number | null;
}

/** Payload of "owners-suggested" (alert intake writes the same shape; `side` and `platform` are newer). */
export interface OwnersSuggestedPayload {
  owners: Record<OwnerRole, SuggestedOwner[]>;
  services: string[];
  runbooks: { service: string; url: string }[];
  unmatched: { kind: "topic" | "group"; name: string }[];
  matches: RoutingMatch[];
  streams: StreamOwnership[];
  freshnessSloSeconds: number | null;
  tier: Tier | null;
  /** the side the diagnosis and action owners come from (absent in entries written before issue 17: consumer) */
  side?: RoutingSide;
  /** the cluster's platform owner when the routing was made (for the page: who takes over for broker causes) */
  platform?: SuggestedOwner | null;
}

export interface RoutingCause {
  leafId: string;
  title: string;
  branch: BranchId;
  /** ranking score (0..1); null for a person's confirmation */
  score: number | null;
  reasons: string[];
}

/** Payload of "routing-changed". */
export interface RoutingChangedPayload {
  from: RoutingSide;
  to: RoutingSide;
  cause: RoutingCause;
  /** "evidence": the diagnosis' leading cause moved; "confirmed": a commander confirmed a cause in the tree */
  trigger: "evidence" | "confirmed";
  diagnosis: SuggestedOwner[];
  action: SuggestedOwner[];
  previous: { diagnosis: SuggestedOwner[]; action: SuggestedOwner[] };
  runbooks: { service: string; url: string }[];
  /** one line for the timeline and the notifications */
  summary: string;
  /** what is missing, e.g. no platform owner configured for the cluster */
  warnings: string[];
}
