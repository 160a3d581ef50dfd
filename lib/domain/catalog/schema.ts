/**
 * The one shape of a catalog entry as people write it — in the YAML file, the API and the
 * Settings form alike: `topic:` or `group:` (exactly one), then the service, team, tier,
 * freshness SLO, the three owners and a runbook. Unknown keys are refused (a typo such as
 * `freshnessSLO` would otherwise silently drop an SLO).
 */
import { z } from "zod";
import { patternProblem } from "./glob";
import { ON_BREACH, TIERS, type CatalogEntry } from "./types";

const text = (what: string, max = 200) => z.string(`${what} must be text`).trim().min(1, `${what} must not be empty`).max(max, `${what} is longer than ${max} characters`);

const matchText = (what: string) =>
  text(what, 249)
    .refine((s) => !/\s/.test(s), `${what} must not contain whitespace`)
    .superRefine((s, ctx) => {
      const problem = patternProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: `${what}: ${problem}` });
    });

/** Names of notification channels (issue 17): a catalog entry lists channels by name. */
export const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export const OwnerInput = z.strictObject({
  name: text("owner name"),
  contact: text("contact (how to reach them)", 500),
});

export const OwnersInput = z.strictObject({
  impact: OwnerInput,
  diagnosis: OwnerInput,
  action: OwnerInput,
});

export const CatalogEntryInput = z
  .strictObject({
    topic: matchText("topic").optional(),
    group: matchText("group").optional(),
    service: text("service"),
    team: text("team"),
    tier: z.enum(TIERS, `tier must be one of ${TIERS.join(", ")}`).default("standard"),
    freshnessSloSeconds: z
      .number("freshnessSloSeconds must be a number of seconds")
      .int("freshnessSloSeconds must be whole seconds")
      .positive("freshnessSloSeconds must be above 0")
      .max(30 * 86400, "freshnessSloSeconds is over 30 days")
      .nullable()
      .optional(),
    owners: OwnersInput,
    runbook: z.url({ protocol: /^https?$/, error: "runbook must be an http(s) URL" }).nullable().optional(),
    reads: z.array(matchText("reads entry")).max(100).optional(),
    channels: z
      .array(z.string("a channel is named by text").regex(CHANNEL_NAME, "a channel name is 1–63 letters, digits, dots, dashes or underscores"))
      .max(20, "at most 20 channels")
      .optional(),
    onBreach: z.enum(ON_BREACH, `onBreach must be one of ${ON_BREACH.join(", ")}`).optional(),
    notes: z.string().max(2000).nullable().optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.topic === undefined) === (e.group === undefined)) {
      ctx.addIssue({ code: "custom", message: "an entry needs exactly one of topic or group" });
    }
    if (e.topic !== undefined && e.reads?.length) {
      ctx.addIssue({ code: "custom", path: ["reads"], message: "reads belongs to group entries (the topics a group consumes)" });
    }
  });
export type CatalogEntryInput = z.input<typeof CatalogEntryInput>;

export const CatalogFile = z.strictObject({
  version: z.literal(1, "version must be 1").default(1),
  entries: z.array(z.unknown(), "entries must be a list").max(5000, "more than 5000 entries"),
});

/** Input (YAML/API) → the catalog's own shape. */
export function toEntry(input: z.output<typeof CatalogEntryInput>): CatalogEntry {
  const kind = input.topic !== undefined ? "topic" : "group";
  return {
    kind,
    match: (input.topic ?? input.group)!,
    service: input.service,
    team: input.team,
    tier: input.tier,
    freshnessSloSeconds: input.freshnessSloSeconds ?? null,
    owners: input.owners,
    runbook: input.runbook ?? null,
    reads: input.reads ?? [],
    channels: [...new Set(input.channels ?? [])],
    onBreach: input.onBreach ?? "open",
    notes: input.notes?.trim() ? input.notes.trim() : null,
  };
}

/** The catalog's shape → what a person writes (YAML, API, form); omits empty optionals. */
export function toInput(entry: CatalogEntry): CatalogEntryInput {
  return {
    [entry.kind]: entry.match,
    service: entry.service,
    team: entry.team,
    tier: entry.tier,
    ...(entry.freshnessSloSeconds !== null ? { freshnessSloSeconds: entry.freshnessSloSeconds } : {}),
    owners: entry.owners,
    ...(entry.runbook ? { runbook: entry.runbook } : {}),
    ...(entry.reads.length ? { reads: entry.reads } : {}),
    ...(entry.channels.length ? { channels: entry.channels } : {}),
    ...(entry.onBreach !== "open" ? { onBreach: entry.onBreach } : {}),
    ...(entry.notes ? { notes: entry.notes } : {}),
  };
}

export const entryKey = (e: Pick<CatalogEntry, "kind" | "match">) => `${e.kind}:${e.match}`;
