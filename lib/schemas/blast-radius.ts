import { z } from "zod";
import { TIERS } from "@/lib/domain/catalog/types";

/** One consumer group reading a topic of the incident's group: seen in Kafka, named by the catalog, or both. */
export const BlastReaderView = z.object({
  group: z.string().describe("a group id seen in Kafka, or a catalog group pattern"),
  service: z.string().nullable().describe("null: no catalog entry covers this group"),
  team: z.string().nullable(),
  tier: z.enum(TIERS).nullable(),
  topics: z.array(z.string()).describe("the topics it shares with the incident's group"),
  source: z.enum(["kafka", "catalog"]).describe("kafka: in the newest sample with committed offsets on those topics; catalog: only a catalog entry's reads says so"),
  lagging: z.boolean().describe("the incident's own group (or the catalog entry covering it)"),
  state: z.string().nullable().describe("Kafka's group state (Stable, Empty…) for groups seen in Kafka"),
  members: z.number().int().nullable().describe("members in the newest sample; 0 means offsets are committed but nobody consumes now"),
});
export type BlastReaderView = z.infer<typeof BlastReaderView>;

export const GroupBlastRadiusView = z.object({
  group: z.string(),
  topics: z.array(z.string()),
  topicsFrom: z.enum(["kafka", "catalog", "none"]).describe("where the group's topics come from: its committed offsets in Kafka, else its catalog entry's reads"),
  readers: z.array(BlastReaderView).describe("the incident's group first"),
  services: z.array(z.string()).describe("every distinct service reading those topics, the group's own first"),
  topicOwners: z.array(z.object({ topic: z.string(), service: z.string(), team: z.string() })),
});
export type GroupBlastRadiusView = z.infer<typeof GroupBlastRadiusView>;

export const BlastRadiusView = z.object({
  incidentId: z.string(),
  source: z.enum(["kafka", "catalog-only"]).describe("catalog-only: Kafka could not be read (see reason), so readers come from the catalog alone"),
  reason: z.string().nullable(),
  takenAt: z.string().nullable().describe("when the Kafka sample used was taken"),
  catalogEntries: z.number().int().describe("entries in the catalog (0: nothing to match against)"),
  groups: z.array(GroupBlastRadiusView).describe("one per consumer group in the incident's scope"),
});
export type BlastRadiusView = z.infer<typeof BlastRadiusView>;
