/**
 * The ownership catalog (issue 9, seed 004): every topic and consumer group maps to the
 * service and team it belongs to, how important it is (tier), how fresh its data must be
 * (freshness SLO), and three distinct owners — who feels the impact, who diagnoses, who may
 * act (and owns the rollback). Entries match by exact name or glob pattern.
 */
import type { Tier } from "@/lib/domain/severity/propose";

export type { Tier };
export const TIERS = ["critical", "important", "standard"] as const satisfies readonly Tier[];

export const ENTRY_KINDS = ["topic", "group"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ON_BREACH = ["open", "propose"] as const;
export type OnBreach = (typeof ON_BREACH)[number];

export const OWNER_ROLES = ["impact", "diagnosis", "action"] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

export const OWNER_ROLE_LABELS: Record<OwnerRole, string> = {
  impact: "Impact owner",
  diagnosis: "Diagnosis owner",
  action: "Action owner",
};

/** A team or person, and how to reach them ("slack:#payments-oncall", "pagerduty:PAYMENTS", an email…). */
export interface Owner {
  name: string;
  contact: string;
}

export interface CatalogEntry {
  /** database id; absent for entries that only exist in a file */
  id?: string;
  kind: EntryKind;
  /** exact name, or a glob pattern (`*`, `?`, `[abc]`) */
  match: string;
  service: string;
  team: string;
  tier: Tier;
  freshnessSloSeconds: number | null;
  owners: Record<OwnerRole, Owner>;
  runbook: string | null;
  /** group entries: the topics (names or patterns) the group reads; feeds blast radius */
  reads: string[];
  /** notification channels (by name) for incidents on this topic or group (issue 17) */
  channels: string[];
  /** on a freshness-watch breach: open an incident at once, or propose one for a person to open */
  onBreach: OnBreach;
  notes: string | null;
}
