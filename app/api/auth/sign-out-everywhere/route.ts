import { clearedSessionCookie } from "@/lib/server/auth/sessions";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const POST = route(coreOperations.signOutEverywhere, async ({ principal }) => json(await signOutEverywhere(principal), { headers: { "set-cookie": clearedSessionCookie() } }));
