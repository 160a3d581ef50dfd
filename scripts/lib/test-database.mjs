// The database a test layer, a test server or a bench runs on. RIPCORD_TEST_DATABASE=postgresql
// puts them on the local PostgreSQL (scripts/pg, PG_PORT), one database per name; otherwise
// (the default) each name is its own SQLite file under data/test/. CI runs the integration
// layer both ways.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PG_USER, pgBinDir, pgSettings, pgUrl } from "../pg/local-pg.mjs";
import { projectRoot } from "../kafka/local-kafka.mjs";

/** "postgresql" when RIPCORD_TEST_DATABASE says so, else "sqlite". */
export function testDatabaseProvider(env = process.env) {
  const wanted = env.RIPCORD_TEST_DATABASE || "sqlite";
  if (wanted !== "sqlite" && wanted !== "postgresql") throw new Error(`RIPCORD_TEST_DATABASE must be sqlite or postgresql, not "${wanted}"`);
  return wanted;
}

function pgTool(tool, args) {
  const settings = pgSettings();
  const result = spawnSync(path.join(pgBinDir(), tool), ["-h", "127.0.0.1", "-p", String(settings.port), "-U", PG_USER, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")}: ${result.stderr.trim()}`);
  return result.stdout;
}

const pgDatabaseOf = (url) => decodeURIComponent(new URL(url).pathname.slice(1));

/**
 * One named test database (not created yet): `reset()` makes it empty (drops what was there),
 * `drop()` removes it. `file` is the SQLite file (null on PostgreSQL).
 */
export function testDatabase(name, env = process.env) {
  if (testDatabaseProvider(env) === "postgresql") {
    const database = `t_${name.toLowerCase().replace(/[^a-z0-9_]+/g, "_")}`.slice(0, 63);
    const drop = () => pgTool("dropdb", ["--if-exists", "--force", database]);
    return {
      provider: "postgresql",
      url: pgUrl(pgSettings(env), database),
      file: null,
      reset() {
        drop();
        pgTool("createdb", [database]);
      },
      drop,
    };
  }
  const file = path.join(projectRoot, "data", "test", `${name}.db`);
  const drop = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  };
  return {
    provider: "sqlite",
    url: `file:${file}`,
    file,
    reset() {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      drop();
    },
    drop,
  };
}

/** `reset()` then every migration (prisma migrate deploy). */
export function migratedTestDatabase(name, env = process.env) {
  const database = testDatabase(name, env);
  database.reset();
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...env, DATABASE_URL: database.url, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy on ${database.url} failed:\n${(result.stderr + result.stdout).trim().split("\n").slice(-8).join("\n")}`);
  return database;
}

/**
 * A private copy of a migrated test database (`url`, a `migratedTestDatabase`) for one test
 * file: a copy of the SQLite file, or on PostgreSQL `CREATE DATABASE … TEMPLATE` it (a file
 * copy on the server, no migrations to run). Returns the copy's URL; `dropCopiesOf(url)`
 * removes every copy. Why a copy per file: test files are separate processes, and processes
 * sharing one database behave like instances of one deployment — on SQLite each believes it
 * leads the sampler; on PostgreSQL one process leads (the advisory lock is per database) and
 * the others follow its stored samples, so a file that points its process at another (or an
 * unreachable) Kafka under the same cluster name read the leader's evidence, and every file's
 * incident-log watcher handled every other file's incidents.
 */
export function copyOfTestDatabase(url) {
  const suffix = randomUUID().slice(0, 8);
  if (url.startsWith("file:")) {
    const template = url.slice("file:".length);
    const copy = template.replace(/\.db$/, `-${suffix}.db`);
    fs.copyFileSync(template, copy);
    return `file:${copy}`;
  }
  const template = pgDatabaseOf(url);
  const copy = `${template}_${suffix}`.slice(-63);
  pgTool("createdb", ["-T", template, copy]);
  const u = new URL(url);
  u.pathname = `/${copy}`;
  return u.toString();
}

/** Removes every copy `copyOfTestDatabase(url)` made (global teardown). */
export function dropCopiesOf(url) {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    const dir = path.dirname(file);
    const stem = path.basename(file, ".db");
    if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir)) if (name.startsWith(`${stem}-`)) fs.rmSync(path.join(dir, name), { force: true });
    return;
  }
  const template = pgDatabaseOf(url);
  const listed = pgTool("psql", ["-d", "postgres", "-Atc", `SELECT datname FROM pg_database WHERE starts_with(datname, '${template}_')`]);
  for (const name of listed.split("\n").filter(Boolean)) pgTool("dropdb", ["--if-exists", "--force", name]);
}

/**
 * Nobody connects to a template database: PostgreSQL refuses `CREATE DATABASE … TEMPLATE` while
 * another session is in it, so a test that opened the template would fail the next file's copy
 * at random. With connections refused, such a test fails at once and says why. No-op on SQLite.
 */
export function sealTemplate(url) {
  if (url.startsWith("file:")) return;
  pgTool("psql", ["-d", "postgres", "-Atc", `ALTER DATABASE "${pgDatabaseOf(url)}" WITH ALLOW_CONNECTIONS false`]);
}
