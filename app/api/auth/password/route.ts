import { changeOwnPassword } from "@/lib/server/auth/change-password";
import { clientAddress } from "@/lib/server/http/client-address";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(coreOperations.changePassword, ({ body, principal, request }) => changeOwnPassword(body, principal, clientAddress(request.headers)));
