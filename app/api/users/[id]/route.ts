import { updateUser } from "@/lib/server/auth/update-user";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { route } from "@/lib/server/http/route";

export const PATCH = route(coreOperations.updateUser, async ({ params, body, principal }) => ({ user: await updateUser(params.id, body, principal) }));
