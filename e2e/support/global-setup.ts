import fs from "node:fs";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";
import { PASSWORD, USERS, storageStateFor } from "./users";

/** First-run setup through the real API, then one signed-in state per role. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error("playwright baseURL is not set");
  const admin = await request.newContext({ baseURL });
  const setup = await admin.post("/api/auth/setup", { data: { ...USERS.admin, password: PASSWORD } });
  if (setup.status() !== 201) throw new Error(`first-run setup failed: ${setup.status()} ${await setup.text()}`);
  for (const role of ["commander", "responder", "viewer"] as const) {
    const created = await admin.post("/api/users", { data: { ...USERS[role], password: PASSWORD, role } });
    if (created.status() !== 201) throw new Error(`creating the ${role} failed: ${created.status()} ${await created.text()}`);
  }
  fs.mkdirSync(path.dirname(storageStateFor("admin")), { recursive: true });
  await admin.storageState({ path: storageStateFor("admin") });
  await admin.dispose();
  for (const role of ["commander", "responder", "viewer"] as const) {
    const context = await request.newContext({ baseURL });
    const login = await context.post("/api/auth/login", { data: { email: USERS[role].email, password: PASSWORD } });
    if (!login.ok()) throw new Error(`signing in the ${role} failed: ${login.status()}`);
    await context.storageState({ path: storageStateFor(role) });
    await context.dispose();
  }
}
