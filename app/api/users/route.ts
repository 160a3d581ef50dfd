import { CreateUserBody } from "@/lib/schemas/auth";
import { createUser } from "@/lib/server/auth/create-user";
import { listUsers } from "@/lib/server/auth/list-users";
import { json, route } from "@/lib/server/http/route";

export const GET = route({ auth: "viewer" }, async () => ({ users: await listUsers() }));

export const POST = route({ auth: "admin", body: CreateUserBody }, async ({ body }) => json({ user: await createUser(body) }, { status: 201 }));
