#!/usr/bin/env node
// Runs a compiled CLI (scripts/cli/build.mjs): `node -C react-server scripts/cli/run.mjs NAME [args…]`.
// Rebuilds it first when a source it was built from changed since (a checkout, an edit), so the
// compiled tool never runs stale code; the check is a stat of each input (a few ms).
import { bundleOf, staleness } from "./bundles.mjs";
import { pathToFileURL } from "node:url";

const [name, ...args] = process.argv.slice(2);
if (!name) {
  process.stderr.write("usage: run.mjs NAME [args…]\n");
  process.exit(2);
}
if (staleness(name) !== null) await (await import("./build.mjs")).buildCli(name);
// The tool reads process.argv.slice(2) as its own arguments.
process.argv = [process.argv[0], bundleOf(name), ...args];
await import(pathToFileURL(bundleOf(name)).href);
