import { issueApiToken } from "@/lib/server/auth/create-token";
import { listApiTokens } from "@/lib/server/auth/list-tokens";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const GET = route(coreOperations.listTokens, async ({ principal }) => ({ tokens: await listApiTokens(principal) }));

/** The raw token is in this response only; it is stored hashed. */
export const POST = route(coreOperations.createToken, async ({ body, principal }) => json(await issueApiToken(body, principal), { status: 201 }));
