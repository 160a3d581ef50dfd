import { z } from "zod";
import { CHANNEL_NAME, OwnerInput } from "@/lib/domain/catalog/schema";
import { channelUrlProblem } from "@/lib/domain/notifications/channel-url";
import { CHANNEL_FORMATS, DELIVERY_STATUSES, NOTIFICATION_EVENTS } from "@/lib/domain/notifications/types";

const channelName = z.string("name must be text").trim().regex(CHANNEL_NAME, "name: 1–63 letters, digits, dots, dashes or underscores, starting with a letter or digit");

/** contracts.md §4: POST /api/notifications/channels {name, url, format: "slack"|"json", secret?} */
export const CreateChannelBody = z.strictObject({
  name: channelName,
  url: z
    .string("url must be text")
    .trim()
    .max(2000, "url is longer than 2000 characters")
    .superRefine((url, ctx) => {
      const problem = channelUrlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  format: z.enum(CHANNEL_FORMATS, `format must be one of ${CHANNEL_FORMATS.join(", ")}`),
  secret: z.string("secret must be text").min(16, "secret: at least 16 characters").max(256, "secret: at most 256 characters").optional(),
});
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const ChannelParams = z.object({ name: channelName });

export const ChannelView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  format: z.enum(CHANNEL_FORMATS),
  /** the secret itself is never returned */
  signed: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** where it is used: catalog entries ("group orders-sink") and cluster defaults ("default channel of local") */
  usedBy: z.array(z.string()),
  lastDelivery: z.object({ status: z.enum(DELIVERY_STATUSES), at: z.string() }).nullable(),
});
export type ChannelView = z.infer<typeof ChannelView>;

export const DeliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  incidentId: z.string().max(64).optional(),
  channel: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DeliveryParams = z.object({ id: z.string().min(1).max(64) });

export const DeliveryView = z.object({
  id: z.string(),
  channelName: z.string(),
  incidentId: z.string(),
  entrySeq: z.number(),
  event: z.enum(NOTIFICATION_EVENTS),
  audience: z.array(z.string()),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  /** the request body as sent */
  body: z.string(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const RoutingClusterParams = z.object({ cluster: z.string().trim().min(1).max(64) });

const optionalChannel = channelName.nullable().optional().transform((v) => v ?? null);

export const PutClusterRoutingBody = z.strictObject({
  defaultChannel: optionalChannel,
  approversChannel: optionalChannel,
  platformOwner: OwnerInput.nullable().optional().transform((v) => v ?? null),
  platformChannel: optionalChannel,
  platformRunbook: z.url({ protocol: /^https?$/, error: "platformRunbook must be an http(s) URL" }).nullable().optional().transform((v) => v ?? null),
});
export type PutClusterRoutingBody = z.infer<typeof PutClusterRoutingBody>;

export const ClusterRoutingView = z.object({
  cluster: z.string(),
  defaultChannel: z.string().nullable(),
  approversChannel: z.string().nullable(),
  platformOwner: z.object({ name: z.string(), contact: z.string() }).nullable(),
  platformChannel: z.string().nullable(),
  platformRunbook: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ClusterRoutingView = z.infer<typeof ClusterRoutingView>;

const updateText = (what: string) => z.string(`${what} must be text`).trim().min(3, `${what}: write at least a few words`).max(4000, `${what}: at most 4000 characters`);

export const StakeholderUpdateBody = z.strictObject({
  known: updateText("known"),
  impact: updateText("impact"),
  next: updateText("next"),
  nextUpdateAt: z.iso.datetime({ offset: true, error: "nextUpdateAt must be an ISO-8601 time" }).nullable().optional(),
  idempotencyKey: z.string().min(8).max(100).optional(),
});
export type StakeholderUpdateBody = z.infer<typeof StakeholderUpdateBody>;

export const CatchUpView = z.object({
  asOf: z.string(),
  headline: z.string(),
  moments: z.array(z.object({ at: z.string(), seq: z.number(), text: z.string() })),
  omittedMoments: z.number(),
  severity: z.object({ current: z.string().nullable(), decidedBy: z.string().nullable(), rationale: z.string().nullable(), proposed: z.string().nullable(), proposedReasons: z.array(z.string()), differs: z.boolean() }),
  cause: z.object({ leading: z.string().nullable(), confirmed: z.boolean(), because: z.array(z.string()), investigating: z.array(z.string()), ruledOut: z.array(z.string()) }),
  impact: z.string(),
  tried: z.array(z.string()),
  waiting: z.array(z.object({ what: z.string(), who: z.string() })),
  owners: z.object({ impact: z.string(), diagnosis: z.string(), action: z.string(), side: z.string().nullable() }),
  evidence: z.array(z.object({ takenAt: z.string(), moment: z.string(), summary: z.string() })),
  lastUpdate: z.object({ at: z.string(), by: z.string(), text: z.string() }).nullable(),
});
export type CatchUpView = z.infer<typeof CatchUpView>;
