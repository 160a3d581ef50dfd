import { z } from "zod";
import {
  ApiTokenView,
  ChangeOwnPasswordBody,
  CreatedTokenView,
  CreateTokenBody,
  CreateUserBody,
  SetPasswordBody,
  SetupBody,
  SignInBody,
  TokenParams,
  UpdateUserBody,
  UserParams,
  UserView,
} from "@/lib/schemas/auth";
import { Health } from "@/lib/schemas/health";
import { defineOperations } from "./types";

const ended = z.object({ endedSessions: z.number() });

export const coreOperations = defineOperations({
  health: { method: "get", path: "/api/health", summary: "Database and Kafka connection state", tag: "system", auth: "public", response: Health },
  openapi: { method: "get", path: "/api/openapi.json", summary: "This document", tag: "system", auth: "public" },
  setupState: { method: "get", path: "/api/auth/setup", summary: "Whether first-run setup is needed", tag: "auth", auth: "public", response: z.object({ needsSetup: z.boolean(), setupCodeRequired: z.boolean().describe("from this client, setup needs the code printed on the server's console") }) },
  setup: { method: "post", path: "/api/auth/setup", summary: "Create the first admin (first run only); from a non-loopback client with the setup code printed on the server's console (403 without it)", tag: "auth", auth: "public", body: SetupBody, response: z.object({ user: UserView }), status: 201 },
  login: { method: "post", path: "/api/auth/login", summary: "Sign in; sets the session cookie", tag: "auth", auth: "public", body: SignInBody, response: z.object({ user: UserView }) },
  logout: { method: "post", path: "/api/auth/logout", summary: "Sign out; clears the session cookie", tag: "auth", auth: "public" },
  me: { method: "get", path: "/api/auth/me", summary: "The calling principal: the person (or machine token), its effective role and the credential it used", tag: "auth", auth: "viewer" },
  changePassword: { method: "post", path: "/api/auth/password", summary: "Change your own password (the current one first); your other sessions end", tag: "auth", auth: "viewer", body: ChangeOwnPasswordBody, response: ended },
  signOutEverywhere: { method: "post", path: "/api/auth/sign-out-everywhere", summary: "End every session of yours, this one included", tag: "auth", auth: "viewer", response: ended },
  listUsers: { method: "get", path: "/api/users", summary: "List users (emails for admins only)", tag: "users", auth: "viewer", response: z.object({ users: z.array(UserView) }) },
  createUser: { method: "post", path: "/api/users", summary: "Create a user", tag: "users", auth: "admin", body: CreateUserBody, response: z.object({ user: UserView }), status: 201 },
  updateUser: { method: "patch", path: "/api/users/{id}", summary: "Change a user's role, disable or re-enable them, rename; effective on their next request (disabling ends their sessions)", tag: "users", auth: "admin", params: UserParams, body: UpdateUserBody, response: z.object({ user: UserView }) },
  setPassword: { method: "post", path: "/api/users/{id}/password", summary: "Set a user's password; every session of theirs ends", tag: "users", auth: "admin", params: UserParams, body: SetPasswordBody, response: ended },
  signOutUser: { method: "post", path: "/api/users/{id}/sign-out", summary: "End every session of a user", tag: "users", auth: "admin", params: UserParams, response: ended },
  listTokens: { method: "get", path: "/api/tokens", summary: "API tokens (never their secret): an admin sees all, everybody else their own personal tokens", tag: "tokens", auth: "viewer", response: z.object({ tokens: z.array(ApiTokenView) }) },
  createToken: {
    method: "post",
    path: "/api/tokens",
    summary: "Create an API token, returned once and stored hashed. kind personal (default): yours, acting as you, up to your role; machine or alert-source: admins only, never approve",
    tag: "tokens",
    auth: "viewer",
    body: CreateTokenBody,
    response: CreatedTokenView,
    status: 201,
  },
  revokeToken: { method: "delete", path: "/api/tokens/{id}", summary: "Revoke a token: it gets 401 from its next request (your own, or any as admin)", tag: "tokens", auth: "viewer", params: TokenParams, response: z.object({ token: ApiTokenView }) },
});
