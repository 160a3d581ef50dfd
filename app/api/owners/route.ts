import { ownerOperations } from "@/lib/server/http/openapi/catalog-operations";
import { route } from "@/lib/server/http/route";
import { listOwners } from "@/lib/server/owners/list-owners";

export const GET = route(ownerOperations.list, async () => ({ owners: await listOwners() }));
