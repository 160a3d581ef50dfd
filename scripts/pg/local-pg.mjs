// A throwaway local PostgreSQL for development and tests, like the local Kafka: Debian's server
// binaries (package `postgresql`: initdb, pg_ctl), one cluster per port on 127.0.0.1 with its
// data under .pg/<port>/ (git-ignored), no Docker. Trust authentication on loopback only:
// the cluster holds test data and is never exposed.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { portOf } from "../lib/ports.mjs";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PG_USER = "ripcord";
export const PG_DATABASE = "ripcord";

export class PgUsageError extends Error {}

/** Where the binaries are: PG_BIN, else the newest /usr/lib/postgresql/<major>/bin with initdb. */
export function pgBinDir(env = process.env) {
  if (env.PG_BIN) return env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const bin = path.join(root, major, "bin");
    if (fs.existsSync(path.join(bin, "initdb"))) return bin;
  }
  throw new PgUsageError("PostgreSQL server binaries not found (install the Debian package `postgresql`, or set PG_BIN)");
}

export function pgSettings(env = process.env) {
  const port = portOf("PG_PORT", 5433, env);
  const dir = path.join(projectRoot, ".pg", String(port));
  return { port, dir, dataDir: path.join(dir, "data"), socketDir: path.join(dir, "run"), logFile: path.join(dir, "postgres.log") };
}

/** postgresql://ripcord@127.0.0.1:<port>/<database> */
export function pgUrl(settings, database = PG_DATABASE) {
  return `postgresql://${PG_USER}@127.0.0.1:${settings.port}/${database}`;
}

// PostgreSQL refuses to run as root: as root (CI), the cluster runs as the `postgres` system
// user the Debian package creates, and owns its folder.
const asRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function runAs(bin, args, options = {}) {
  const command = asRoot() ? "runuser" : bin;
  const argv = asRoot() ? ["-u", "postgres", "--", bin, ...args] : args;
  return spawnSync(command, argv, { encoding: "utf8", ...options });
}

function check(result, what) {
  if (result.status !== 0) throw new Error(`${what} failed: ${(result.stderr || result.stdout || "").trim().split("\n").slice(-5).join(" | ")}`);
  return result;
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export function isRunning(settings) {
  if (!fs.existsSync(path.join(settings.dataDir, "postmaster.pid"))) return false;
  return runAs(path.join(pgBinDir(), "pg_ctl"), ["status", "-D", settings.dataDir]).status === 0;
}

/** Starts the cluster on its port (initialising it the first time). A second up is a no-op. */
export async function up(settings = pgSettings(), say = (m) => console.error(`pg: ${m}`)) {
  const bin = pgBinDir();
  if (isRunning(settings)) return { started: false, url: pgUrl(settings) };
  if (await portAnswers(settings.port)) throw new PgUsageError(`port ${settings.port} is taken by another process (set PG_PORT)`);
  fs.mkdirSync(settings.socketDir, { recursive: true });
  if (asRoot()) execFileSync("chown", ["-R", "postgres:postgres", settings.dir]);
  if (!fs.existsSync(path.join(settings.dataDir, "PG_VERSION"))) {
    say(`initialising a cluster in ${path.relative(projectRoot, settings.dataDir)}…`);
    check(runAs(path.join(bin, "initdb"), ["-D", settings.dataDir, "-U", PG_USER, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]), "initdb");
  }
  const options = [
    `-p ${settings.port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${settings.socketDir}`,
    // many responders on two instances, the integration layer's servers: room for their pools
    "-c max_connections=300",
    "-c shared_buffers=128MB",
  ].join(" ");
  say(`starting PostgreSQL on 127.0.0.1:${settings.port}…`);
  check(runAs(path.join(bin, "pg_ctl"), ["start", "-D", settings.dataDir, "-l", settings.logFile, "-w", "-t", "60", "-o", options]), "pg_ctl start");
  const created = runAs(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(settings.port), "-U", PG_USER, PG_DATABASE]);
  if (created.status !== 0 && !/already exists/.test(created.stderr)) check(created, "createdb");
  return { started: true, url: pgUrl(settings) };
}

/** Stops the cluster; `clean` also deletes its data. */
export async function down(settings = pgSettings(), { clean = false } = {}, say = (m) => console.error(`pg: ${m}`)) {
  if (isRunning(settings)) {
    say(`stopping PostgreSQL on port ${settings.port}…`);
    check(runAs(path.join(pgBinDir(), "pg_ctl"), ["stop", "-D", settings.dataDir, "-m", "fast", "-w"]), "pg_ctl stop");
  }
  if (clean) fs.rmSync(settings.dir, { recursive: true, force: true });
}

/** The same server's URL with another database name. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer(url, sql) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const ident = (name) => {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new PgUsageError(`database name "${name}": use lower-case letters, digits and _ (at most 63)`);
  return `"${name}"`;
};

/** Drops `database` on the server of `url` (closing its connections) and creates it empty; returns its URL. */
export async function freshDatabase(url, database) {
  await dropDatabase(url, database);
  await onServer(url, `CREATE DATABASE ${ident(database)}`);
  return withDatabase(url, database);
}

export async function dropDatabase(url, database) {
  await onServer(url, `DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
}
