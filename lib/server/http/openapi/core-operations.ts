import { z } from "zod";
import { CreateTokenBody, CreateUserBody, SetupBody, SignInBody, UserView } from "@/lib/schemas/auth";
import { Health } from "@/lib/schemas/health";
import { defineOperations } from "./types";

export const coreOperations = defineOperations({
  health: { method: "get", path: "/api/health", summary: "Database and Kafka connection state", tag: "system", auth: "public", response: Health },
  openapi: { method: "get", path: "/api/openapi.json", summary: "This document", tag: "system", auth: "public" },
  setupState: { method: "get", path: "/api/auth/setup", summary: "Whether first-run setup is needed", tag: "auth", auth: "public", response: z.object({ needsSetup: z.boolean() }) },
  setup: { method: "post", path: "/api/auth/setup", summary: "Create the first admin (first run only)", tag: "auth", auth: "public", body: SetupBody, response: z.object({ user: UserView }), status: 201 },
  login: { method: "post", path: "/api/auth/login", summary: "Sign in; sets the session cookie", tag: "auth", auth: "public", body: SignInBody, response: z.object({ user: UserView }) },
  logout: { method: "post", path: "/api/auth/logout", summary: "Sign out; clears the session cookie", tag: "auth", auth: "public" },
  me: { method: "get", path: "/api/auth/me", summary: "The calling principal", tag: "auth", auth: "viewer" },
  listUsers: { method: "get", path: "/api/users", summary: "List users", tag: "users", auth: "viewer", response: z.object({ users: z.array(UserView) }) },
  createUser: { method: "post", path: "/api/users", summary: "Create a user", tag: "users", auth: "admin", body: CreateUserBody, response: z.object({ user: UserView }), status: 201 },
  createToken: {
    method: "post",
    path: "/api/tokens",
    summary: "Create an API token (returned once, stored hashed)",
    tag: "users",
    auth: "admin",
    body: CreateTokenBody,
    response: z.object({ id: z.string(), token: z.string(), name: z.string(), role: z.string() }),
    status: 201,
  },
});
