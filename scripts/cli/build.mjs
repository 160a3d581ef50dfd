// Compiles the command-line tools (the evidence CLI, the token CLIs) to plain JavaScript with
// esbuild, so starting one costs Node's start and the tool's own work, not tsx compiling
// TypeScript at every start (2.8 s of the evidence CLI's 3.2 s cold start before this).
//
//   node scripts/cli/build.mjs [NAME…]     (npm install runs it: postinstall)
//
// Project code (lib/, scripts/, the "@/…" paths of tsconfig) and kafkajs (pure JavaScript,
// ~300 small modules Node would otherwise resolve and read one by one) are bundled into one
// ESM file per tool under .cli/; every other package stays external and loads as usual
// (Prisma, better-sqlite3, …). Each bundle has a metafile beside it listing its inputs, which
// scripts/cli/run.mjs compares with the sources to rebuild a stale bundle before running it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { CLIS, OUT_DIR, bundleOf, metaOf, root } from "./bundles.mjs";

export { CLIS, bundleOf };

/** Packages compiled into the bundles; the rest load from node_modules at run time. */
const BUNDLED_PACKAGES = new Set(["kafkajs"]);

const packageOf = (specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);

/** Bare imports (packages) external unless listed; "@/…" is the project's own path alias. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@/") || BUNDLED_PACKAGES.has(packageOf(args.path)) ? undefined : { path: args.path, external: true }));
  },
};


export async function buildCli(name) {
  const entry = CLIS[name];
  if (!entry) throw new Error(`unknown CLI "${name}" (known: ${Object.keys(CLIS).join(", ")})`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: bundleOf(name),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [externalPackages],
    tsconfig: path.join(root, "tsconfig.json"),
    // the server's modules carry `import "server-only"`: resolved under the react-server condition, as tsx -C react-server did
    conditions: ["react-server"],
    sourcemap: "linked",
    metafile: true,
    logLevel: "error",
    // kafkajs is CommonJS: its require() of Node's built-ins needs a real require in an ES module
    banner: { js: `// built by scripts/cli/build.mjs from ${entry}; do not edit\nimport { createRequire as __cliRequire } from "node:module";\nconst require = __cliRequire(import.meta.url);` },
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => path.resolve(root, p));
  fs.writeFileSync(metaOf(name), JSON.stringify({ entry, inputs }));
  return bundleOf(name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const started = Date.now();
  for (const name of names.length ? names : Object.keys(CLIS)) await buildCli(name);
  console.error(`cli: built ${names.length ? names.join(", ") : Object.keys(CLIS).join(", ")} in ${Date.now() - started} ms (.cli/)`);
}
