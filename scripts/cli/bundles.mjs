// Where the compiled CLIs live and whether one is stale: everything scripts/cli/run.mjs needs
// before it runs a tool, without loading esbuild (scripts/cli/build.mjs) unless it must build.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const OUT_DIR = path.join(root, ".cli");

/** name → entry point (relative to the project root). */
export const CLIS = {
  evidence: "scripts/evidence.ts",
  "token-create": "scripts/token-create.ts",
  "token-list": "scripts/token-list.ts",
  "token-revoke": "scripts/token-revoke.ts",
};

export const bundleOf = (name) => path.join(OUT_DIR, `${name}.mjs`);
export const metaOf = (name) => path.join(OUT_DIR, `${name}.meta.json`);

/** null when the bundle is current, else why it is not. */
export function staleness(name) {
  const bundle = bundleOf(name);
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return "not built";
  }
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(metaOf(name), "utf8"));
  } catch {
    return "no metafile";
  }
  for (const input of meta.inputs) {
    let mtime;
    try {
      mtime = fs.statSync(input).mtimeMs;
    } catch {
      return `${path.relative(root, input)} is gone`;
    }
    if (mtime > built) return `${path.relative(root, input)} changed`;
  }
  return null;
}

