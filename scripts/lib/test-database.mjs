// The database a test layer, a test server or a bench runs on. RIPCORD_TEST_DATABASE=postgresql
// puts them on the local PostgreSQL (scripts/pg, PG_PORT), one database per name; otherwise
// (the default) each name is its own SQLite file under data/test/. CI runs the integration
// layer both ways.
import { spawnSync } from "node:child_process";
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
}

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
