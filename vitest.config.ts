import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
};

// Two projects: pure unit tests (fast, no I/O) and integration tests against the real local
// Kafka and a real SQLite file. Parallelism stays at 2: this machine has 2 cores and one Kafka.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.integration.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup-env.ts"],
          testTimeout: 120_000,
          // No retries: a test that fails on timing is a bug in the test or the product.
          hookTimeout: 180_000,
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
