/**
 * Which channels hear an event, and for whom each speaks (pure). A catalog entry's channels
 * speak for its impact owner always, and for its diagnosis and action owners while the routing
 * is on the entry's side (a group entry: the consuming application; a topic entry: the
 * producer). The cluster's platform channel speaks for the diagnosis and action owners while
 * the routing is on the platform. The default channel is the cluster's incident room: every
 * event except approvals. Approvals go to the approvers' channel (the default one when none is
 * set), and nowhere else.
 */
import type { OwnerRole } from "@/lib/domain/catalog/types";
import type { RoutingState } from "@/lib/domain/routing/derive";
import type { ClusterRoutingSettings } from "@/lib/domain/routing/types";
import { EVENT_ROLES } from "./events";
import type { Audience, NotificationEvent } from "./types";

export interface CatalogChannels {
  kind: "topic" | "group";
  match: string;
  channels: readonly string[];
}

export interface AudienceInput {
  event: NotificationEvent;
  /** the routing as of the announced entry */
  routing: RoutingState | null;
  /** the channels of the catalog entries that match the incident's scope */
  catalog: readonly CatalogChannels[];
  cluster: ClusterRoutingSettings | null;
}

const ORDER: Audience[] = ["impact", "diagnosis", "action", "approvers", "room"];

/** channel name → the audiences it speaks for in this event's message (channels with none are left out). */
export function audiencesByChannel(input: AudienceInput): Map<string, Audience[]> {
  const out = new Map<string, Set<Audience>>();
  const add = (channel: string | null | undefined, audiences: readonly Audience[]) => {
    if (!channel || audiences.length === 0) return;
    let set = out.get(channel);
    if (!set) out.set(channel, (set = new Set()));
    for (const a of audiences) set.add(a);
  };
  const settings = input.cluster;
  if (input.event === "approval-waiting") {
    add(settings?.approversChannel ?? settings?.defaultChannel, ["approvers"]);
  } else {
    add(settings?.defaultChannel, ["room"]);
    const wanted = new Set<OwnerRole>(EVENT_ROLES[input.event]);
    const side = input.routing?.side ?? "consumer";
    for (const entry of input.catalog) {
      const onSide = (side === "consumer" && entry.kind === "group") || (side === "producer" && entry.kind === "topic");
      const roles: OwnerRole[] = onSide ? ["impact", "diagnosis", "action"] : ["impact"];
      for (const channel of entry.channels) add(channel, roles.filter((r) => wanted.has(r)));
    }
    if (side === "platform") add(settings?.platformChannel, (["diagnosis", "action"] as const).filter((r) => wanted.has(r)));
  }
  return new Map([...out].map(([channel, set]) => [channel, ORDER.filter((a) => set.has(a))]));
}
