import { expect, test } from "./support/test";
import { SASL_USER, kafkaSettings, saslPort } from "../scripts/kafka/local-kafka.mjs";
import { ServerProcess } from "../tests/support/server-process";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { PASSWORD, USERS } from "./support/users";
import { portOf } from "../scripts/lib/ports.mjs";

const E2E_PORT = portOf("E2E_PORT", 3100);

/**
 * A second production server configured with a wrong SASL password for the run's real broker
 * (the harness's SASL_PLAINTEXT listener): the page must say the credentials were rejected,
 * not that Kafka is down, and everything stored must keep working.
 */
test.describe("wrong Kafka credentials", () => {
  const runPort = Number(testBrokers()[0]?.split(":")[1]);
  const saslBootstrap = `127.0.0.1:${saslPort(kafkaSettings({ ...process.env, KAFKA_PORT: String(runPort) }), 1)}`;
  const server = new ServerProcess(E2E_PORT + 50, {
    name: "e2e-wrong-sasl",
    env: {
      KAFKA_BROKERS: saslBootstrap,
      KAFKA_SASL_MECHANISM: "plain",
      KAFKA_SASL_USERNAME: SASL_USER.username,
      KAFKA_SASL_PASSWORD: "not-the-password",
      KAFKA_CONNECT_TIMEOUT_MS: "2000",
    },
  });

  test.beforeAll(async () => {
    server.freshDatabase();
    await server.start();
  });
  test.afterAll(() => server.cleanup());

  test("the header, the banner and the Cluster page name the failed authentication", async ({ browser }, testInfo) => {
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const setup = await context.request.post("/api/auth/setup", { data: { ...USERS.admin, password: PASSWORD } });
      expect(setup.status()).toBe(201);
      const page = await context.newPage();

      await page.goto("/incidents");
      const indicator = page.getByTestId("health-indicator");
      await expect(indicator).toHaveAttribute("data-state", "auth-failed", { timeout: 15_000 });
      await expect(indicator).toHaveText("Kafka auth failed");
      const banner = page.getByTestId("kafka-banner");
      await expect(banner).toContainText(`authentication to Kafka at ${saslBootstrap} failed`);
      await expect(banner).toContainText("Invalid username or password");
      await expect(banner).toContainText("check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD");
      // Stored data still serves.
      await expect(page.getByRole("heading", { level: 1, name: "Incidents", exact: true })).toBeVisible();
      await keepScreenshot(page, testInfo, "wrong-sasl-incidents");

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cluster", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Cluster", exact: true })).toBeVisible();
      const clusterError = page.getByTestId("cluster-error");
      await expect(clusterError).toContainText("Live evidence unavailable", { timeout: 15_000 });
      await expect(clusterError).toContainText("Invalid username or password");
      await keepScreenshot(page, testInfo, "wrong-sasl-cluster");
    } finally {
      await context.close();
    }
  });
});
