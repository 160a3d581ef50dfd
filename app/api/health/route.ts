import { checkHealth } from "@/lib/server/health/check-health";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Always 200 while the server runs: the body says what is degraded (docs/contracts.md §4). */
export const GET = route(coreOperations.health, async () => json(await checkHealth(), { headers: { "cache-control": "no-store" } }));
