import { inject } from "vitest";
import { copyOfTestDatabase } from "../../scripts/lib/test-database.mjs";

// Every integration test file sees the run's broker list and database through the environment,
// exactly as the server reads them.
process.env.KAFKA_BROKERS = inject("kafkaBrokers");
// Each test file gets its own copy of the run's freshly migrated database, on SQLite and on
// PostgreSQL alike (why: copyOfTestDatabase); global teardown removes the copies. A test that
// means several instances on one database says so (instances/, a server's `databaseUrl`).
process.env.DATABASE_URL = copyOfTestDatabase(inject("databaseUrl"));
// PostgreSQL connections per process, this one and every server a test starts (they inherit
// the environment): at most 2 files run at once, each with itself + up to 2 servers, each
// process the pool + 1 LISTEN + 1 sampler-lock connection: 2 × 3 × (5 + 2) = 42, far below the
// local server's max_connections (300, scripts/pg/local-pg.mjs), whatever a test leaks.
process.env.DATABASE_POOL_SIZE ??= "5";
// The in-process evidence sampler samples every 2 s (the server's default is 10 s): tests wait
// for the history they need instead of ten-second ticks.
process.env.RIPCORD_SAMPLE_INTERVAL_MS ??= "2000";
// The freshness watch opens incidents by itself for lagging catalogued groups: off unless a test
// means it (tests/integration/freshness), so other files' deliberate lag opens nothing extra.
process.env.RIPCORD_FRESHNESS_WATCH ??= "off";
