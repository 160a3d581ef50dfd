// Runs the Prisma CLI of this project against one database (DATABASE_URL picks the schema,
// migrations and adapter in prisma.config.ts).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./schemas.mjs";

const bin = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");

/** `prisma <args>` with DATABASE_URL=url; returns stdout, throws with stderr's tail on failure. */
export function prisma(args, { url, allowExit = [0] } = {}) {
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  if (url) env.DATABASE_URL = url;
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: projectRoot, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (!allowExit.includes(result.status ?? -1)) {
    const tail = `${result.stderr}\n${result.stdout}`.trim().split("\n").slice(-8).join("\n");
    throw new Error(`prisma ${args.join(" ")} failed (exit ${result.status}):\n${tail}`);
  }
  return { stdout: result.stdout, status: result.status };
}
