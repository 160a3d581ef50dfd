// Decides whether the production build in .next is missing or older than the sources.
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.js", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "instrumentation.ts", "proxy.ts"];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    if (child === "node_modules" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function distDir() {
  return process.env.RIPCORD_DIST_DIR || ".next";
}

export function buildIsStale(root) {
  const buildId = path.join(root, distDir(), "BUILD_ID");
  if (!fs.existsSync(buildId)) return "no production build yet";
  const built = fs.statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return newest > built ? "sources changed since the last build" : null;
}
