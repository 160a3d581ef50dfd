import { signOutUser } from "@/lib/server/auth/sign-out-everywhere";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(coreOperations.signOutUser, ({ params, principal }) => signOutUser(params.id, principal));
