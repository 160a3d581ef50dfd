import { inject } from "vitest";

// Every integration test file sees the run's broker list and database through the environment,
// exactly as the server reads them.
process.env.KAFKA_BROKERS = inject("kafkaBrokers");
process.env.DATABASE_URL = inject("databaseUrl");
