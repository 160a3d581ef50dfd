import { z } from "zod";

export const OwnerParams = z.object({ name: z.string().trim().min(1).max(200) });

export const SetOwnerMembersBody = z.object({ userIds: z.array(z.string().min(1).max(64)).max(200) });
export type SetOwnerMembersBody = z.infer<typeof SetOwnerMembersBody>;

export const OwnerView = z.object({
  name: z.string(),
  key: z.string(),
  appearsIn: z.array(z.object({ kind: z.enum(["topic", "group"]), match: z.string(), role: z.enum(["impact", "diagnosis", "action"]) })),
  members: z.array(z.object({ id: z.string(), name: z.string(), disabled: z.boolean() })),
});
export type OwnerView = z.infer<typeof OwnerView>;
