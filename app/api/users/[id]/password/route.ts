import { setPassword } from "@/lib/server/auth/change-password";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(coreOperations.setPassword, ({ params, body, principal }) => setPassword(params.id, body.password, principal));
