import { createApiToken } from "@/lib/server/auth/tokens";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

/** The raw token is in this response only; it is stored hashed. */
export const POST = route(coreOperations.createToken, async ({ body }) =>
  json({ ...(await createApiToken(body.name, body.role)), name: body.name, role: body.role }, { status: 201 }),
);
