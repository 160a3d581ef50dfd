import { revokeApiToken } from "@/lib/server/auth/revoke-token";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { route } from "@/lib/server/http/route";

export const DELETE = route(coreOperations.revokeToken, async ({ params, principal }) => ({ token: await revokeApiToken(params.id, principal) }));
