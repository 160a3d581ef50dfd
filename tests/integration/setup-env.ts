import { inject } from "vitest";

// Every integration test file sees the run's broker list and database through the environment,
// exactly as the server reads them.
process.env.KAFKA_BROKERS = inject("kafkaBrokers");
process.env.DATABASE_URL = inject("databaseUrl");
// The in-process evidence sampler samples every 2 s (the server's default is 10 s): tests wait
// for the history they need instead of ten-second ticks.
process.env.RIPCORD_SAMPLE_INTERVAL_MS ??= "2000";
