import { IncidentParams } from "@/lib/schemas/incidents";
import { CreateActionItemBody } from "@/lib/schemas/reviews";
import { json, route } from "@/lib/server/http/route";
import { createActionItem } from "@/lib/server/reviews/create-action-item";

export const POST = route({ auth: "commander", params: IncidentParams, body: CreateActionItemBody }, async ({ params, body }) =>
  json({ actionItem: await createActionItem(params.id, body) }, { status: 201 }),
);
