#!/usr/bin/env node
// Two fixes to @prisma/adapter-pg 6.19, applied at every install (postinstall), idempotent.
// The install fails when the adapter's code no longer looks as expected, so an upgrade that
// changes it is noticed (then check whether upstream fixed it and drop the hunk).
// scripts/db/patch-adapter-pg.test.ts checks the installed adapter carries both.
//
// 1. prisma/orm#27403: the adapter cannot map PostgreSQL's `name` type (OID 19), so
//    `prisma migrate deploy` fails with "Column type 'name' could not be deserialized" (the
//    schema engine reads catalog columns of that type). OID 19 maps to text, as bpchar and
//    varchar already do, and so does the catalog's one-byte "char" (OID 18), which
//    `prisma db pull` (run by the schema sync check, `npm run db:check`) reads and fails on.
// 2. executeScript (how `migrate deploy` runs a migration file) splits the file on every ";"
//    and sends the pieces one by one: a PL/pgSQL function body (the append-only trigger of the
//    incident log) is cut in half, and a migration that fails midway stays half applied. The
//    whole file goes to the server as one simple query instead: PostgreSQL runs it as one
//    implicit transaction, so a migration applies entirely or not at all.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const HUNKS = [
  {
    name: "name and \"char\" columns as text (prisma/orm#27403)",
    marker: "// ripcord: PostgreSQL name (OID 19) and \"char\" (OID 18) as text, prisma/orm#27403",
    anchor: /^(\s*)case ScalarColumnType\.BPCHAR:\n/m,
    apply: (match, marker) => `${match[1]}${marker}\n${match[1]}case 19:\n${match[1]}case 18:\n${match[0]}`,
  },
  {
    name: "a migration script runs as one query",
    marker: "// ripcord: the whole script as one simple query (one implicit transaction)",
    anchor: /^(\s*)async executeScript\(script\) \{\n\s*const statements = script\.split\(";"\)[^\n]*\n\s*for \(const stmt of statements\) \{\n\s*try \{\n\s*await this\.client\.query\(stmt\);\n\s*\} catch \(error\) \{\n\s*this\.onError\(error\);\n\s*\}\n\s*\}\n/m,
    apply: (match, marker) => {
      const i = match[1];
      return `${i}async executeScript(script) {\n${i}  ${marker}\n${i}  try {\n${i}    await this.client.query(script);\n${i}  } catch (error) {\n${i}    this.onError(error);\n${i}  }\n`;
    },
  },
];

/** The patched source, or the names of the hunks that found no place to apply. Already patched → unchanged. */
export function patchAdapterSource(source) {
  let out = source;
  const missing = [];
  for (const hunk of HUNKS) {
    if (out.includes(hunk.marker)) continue;
    const match = hunk.anchor.exec(out);
    if (!match) {
      missing.push(hunk.name);
      continue;
    }
    out = out.replace(hunk.anchor, hunk.apply(match, hunk.marker));
  }
  return missing.length ? { missing } : { source: out };
}

export function adapterFiles(base = root) {
  const dist = path.join(base, "node_modules", "@prisma", "adapter-pg", "dist");
  return ["index.js", "index.mjs"].map((f) => path.join(dist, f));
}

function main() {
  for (const file of adapterFiles()) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} not found: is @prisma/adapter-pg installed?`);
    const source = fs.readFileSync(file, "utf8");
    const result = patchAdapterSource(source);
    if (result.missing) throw new Error(`${path.relative(root, file)}: no place to apply ${result.missing.join(", ")} (adapter upgraded? see the comment in scripts/db/patch-adapter-pg.mjs)`);
    if (result.source !== source) fs.writeFileSync(file, result.source);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`patch-adapter-pg: ${error.message}`);
    process.exit(1);
  }
}
