import { ownerOperations } from "@/lib/server/http/openapi/catalog-operations";
import { route } from "@/lib/server/http/route";
import { setOwnerMembers } from "@/lib/server/owners/set-owner-members";

export const PUT = route(ownerOperations.setMembers, async ({ params, body, principal }) => ({ owner: await setOwnerMembers(params.name, body.userIds, principal) }));
