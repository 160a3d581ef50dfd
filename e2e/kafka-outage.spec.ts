import { expect, test } from "./support/test";
import { stopLocalKafka } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("commander") });

test("stopping Kafka turns the indicator to unreachable while the app keeps working, and the Cluster page keeps its last data marked with its age", async ({ page, context }, testInfo) => {
  await page.goto("/incidents");
  const indicator = page.getByTestId("health-indicator");
  await expect(indicator).toHaveAttribute("data-state", "connected");

  const cluster = await context.newPage();
  await cluster.goto("/cluster?poll=2");
  const freshness = cluster.getByTestId("freshness-bar");
  await expect(freshness).toHaveAttribute("data-state", /^(fresh|collecting)$/, { timeout: 30_000 });
  await expect(cluster.getByTestId("broker").first()).toBeVisible({ timeout: 30_000 });
  const brokersBefore = await cluster.getByTestId("broker").count();
  expect(brokersBefore).toBeGreaterThan(0);

  const restart = await stopLocalKafka();
  try {
    // Connect timeout (2 s in e2e) + health cache (2 s) + poll interval (5 s), with margin.
    await expect(indicator).toHaveAttribute("data-state", "unreachable", { timeout: 20_000 });
    await expect(indicator).toHaveText("Kafka unreachable");
    await expect(page.getByTestId("kafka-banner")).toContainText("Live evidence unavailable");
    await keepScreenshot(page, testInfo, "kafka-unreachable");

    // The Cluster page keeps what it last read, says it is stale, how old, and why.
    await expect(freshness).toHaveAttribute("data-state", "stale", { timeout: 30_000 });
    await expect(cluster.getByTestId("data-age")).toContainText(/^Stale: data from .+ ago$/);
    await expect(cluster.getByTestId("kafka-error")).toContainText("Kafka stopped answering");
    await expect(cluster.getByTestId("broker")).toHaveCount(brokersBefore);
    await expect(cluster.getByTestId("health-indicator")).toHaveAttribute("data-state", "unreachable", { timeout: 10_000 });
    await keepScreenshot(cluster, testInfo, "cluster-stale-after-kafka-stopped");

    // Everything stored still serves.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reviews", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Reviews" })).toBeVisible();
    const health = await page.request.get("/api/health");
    expect(health.status()).toBe(200);
    const body = (await health.json()) as { database: { status: string }; kafka: { status: string; error: string } };
    expect(body.database.status).toBe("ok");
    expect(body.kafka.status).toBe("unreachable");
    expect(body.kafka.error.length).toBeGreaterThan(0);
  } finally {
    await restart();
  }
  await expect(indicator).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
});
