import { createUser } from "@/lib/server/auth/create-user";
import { listUsers } from "@/lib/server/auth/list-users";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const GET = route(coreOperations.listUsers, async ({ principal }) => ({ users: await listUsers(principal) }));

export const POST = route(coreOperations.createUser, async ({ body }) => json({ user: await createUser(body) }, { status: 201 }));
