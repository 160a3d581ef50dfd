import { checkHealth } from "@/lib/server/health/check-health";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Always 200 while the server runs: the body says what is degraded (contracts.md §4). */
export const GET = route({ auth: "public" }, async () => json(await checkHealth(), { headers: { "cache-control": "no-store" } }));
