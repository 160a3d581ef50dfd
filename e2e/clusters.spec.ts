import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import type { Browser, BrowserContext } from "@playwright/test";
import { expect, test } from "./support/test";
import { bootstrapServers, DEFAULT_KAFKA_VERSION, down, kafkaSettings, up } from "../scripts/kafka/local-kafka.mjs";
import { portOf } from "../scripts/lib/ports.mjs";
import { ServerProcess } from "../tests/support/server-process";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { PASSWORD, USERS } from "./support/users";

/**
 * Issue 18 in the browser: a server reading two real clusters of the two Kafka lines through a
 * clusters file — the run's Kafka ("local") and a second one started here. Its own server, as
 * the broker-metrics and Kafka-auth specs do: the run's main server keeps the one-cluster setup
 * whose environment Settings → Clusters decides (the drill and severity specs flip it, which a
 * clusters file fixes).
 */
const E2E_PORT = portOf("E2E_PORT", 3100);
const secondVersion = (process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION).startsWith("3.") ? DEFAULT_KAFKA_VERSION : "3.9.2";
const second = kafkaSettings({ ...process.env, KAFKA_PORT: String(portOf("E2E_SECOND_KAFKA_PORT", 7640)), KAFKA_VERSION: secondVersion, KAFKA_NODES: "1" });
const suffix = Date.now().toString(36);
const firstTopic = `e2e-clusters-first-${suffix}`;
const secondTopic = `e2e-clusters-second-${suffix}`;
const firstGroup = `${firstTopic}-reader`;
const secondGroup = `${secondTopic}-reader`;

async function laggingGroup(brokers: string[], topic: string, group: string): Promise<void> {
  const kafka = new Kafka({ clientId: "ripcord-e2e-clusters", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 300 }, (_, i) => ({ partition: 0, value: `order ${i}` })) });
    await producer.disconnect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "100" }] });
  } finally {
    await admin.disconnect();
  }
}

test.describe("two clusters", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ripcord-e2e-clusters-"));
  const clustersFile = path.join(dir, "clusters.yaml");
  const server = new ServerProcess(E2E_PORT + 70, { name: "e2e-clusters", env: { RIPCORD_CLUSTERS_FILE: clustersFile, KAFKA_BROKERS: "", KAFKA_CONNECT_TIMEOUT_MS: "2000", PROMETHEUS_URL: "" } });
  let startedSecond = false;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    startedSecond = (await up(second, () => {})).started;
    await laggingGroup(testBrokers(), firstTopic, firstGroup);
    await laggingGroup(bootstrapServers(second).split(","), secondTopic, secondGroup);
    fs.writeFileSync(
      clustersFile,
      [
        "default: local",
        "clusters:",
        "  - name: local",
        `    brokers: [${testBrokers().map((b) => `"${b}"`).join(", ")}]`,
        "    environment: non-production",
        "  - name: second",
        `    brokers: [${bootstrapServers(second).split(",").map((b) => `"${b}"`).join(", ")}]`,
        "    environment: production",
        "",
      ].join("\n"),
    );
    server.freshDatabase();
    await server.start();
    const setup = await fetch(`${server.url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...USERS.admin, password: PASSWORD }) });
    expect(setup.status).toBe(201);
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    await server.cleanup();
    const admin = new Kafka({ clientId: "ripcord-e2e-clusters", brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteGroups([firstGroup]).catch(() => undefined);
    await admin.deleteTopics({ topics: [firstTopic] }).catch(() => undefined);
    await admin.disconnect();
    if (startedSecond) await down(second, { clean: true }, () => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: server.url, viewport });
    expect((await context.request.post("/api/auth/login", { data: { email: USERS.admin.email, password: PASSWORD } })).status()).toBe(200);
    return context;
  }

  test("the old /cluster URL opens the default cluster; switching clusters in the header changes the Cluster page and its URL", async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const context = await signedIn(browser);
    try {
      const page = await context.newPage();
      await page.goto("/cluster?poll=2");
      await expect(page).toHaveURL(/\/clusters\/local\?poll=2$/);
      await expect(page.getByTestId("page-cluster")).toHaveText("local");
      const switcher = page.getByTestId("cluster-switcher");
      await expect(switcher).toHaveValue("local");
      // both clusters listed, each with its own connection state (the sampler's next sample)
      await expect(switcher.locator("option")).toHaveText([/^local · connected$/, /^second · connected · prod$/], { timeout: 40_000 });
      await expect(page.getByTestId("cluster-state")).toHaveAttribute("data-state", "connected");
      await expect(page.locator(`[data-testid="group-row"][data-group="${firstGroup}"]`)).toBeVisible({ timeout: 40_000 });
      await expect(page.locator(`[data-testid="group-row"][data-group="${secondGroup}"]`)).toHaveCount(0);
      await keepScreenshot(page, testInfo, "cluster-local-1280");

      // keyboard: Tab to the switcher, choose the second cluster
      await switcher.focus();
      await switcher.selectOption("second");
      await expect(page).toHaveURL(/\/clusters\/second$/, { timeout: 45_000 });
      await expect(page.getByTestId("page-cluster")).toHaveText("second");
      await expect(switcher).toHaveValue("second");
      await expect(page.getByTestId("cluster-state")).toHaveAttribute("data-cluster", "second");
      const secondRow = page.locator(`[data-testid="group-row"][data-group="${secondGroup}"]`);
      await expect(secondRow).toBeVisible({ timeout: 40_000 });
      await expect(secondRow.getByTestId("group-lag")).toHaveText("200");
      await expect(page.locator(`[data-testid="group-row"][data-group="${firstGroup}"]`)).toHaveCount(0);
      // the topic filter is in the URL: a copied link keeps it
      await page.getByTestId("topic-filter").fill(secondTopic);
      await expect(page).toHaveURL(new RegExp(`/clusters/second\\?topic=${secondTopic}$`));
      await expect(page.locator(`[data-testid="topic-row"][data-topic="${secondTopic}"]`)).toBeVisible();
      await keepScreenshot(page, testInfo, "cluster-second-1280");
      // the group link stays on the second cluster
      await secondRow.getByRole("link", { name: secondGroup }).click();
      await expect(page).toHaveURL(new RegExp(`/clusters/second/groups/${secondGroup}$`), { timeout: 45_000 });
    } finally {
      await context.close();
    }
  });

  test("a deep link to a group on the second cluster opens on that cluster; an unknown cluster says so; at 390 px the switcher is in the menu", async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const context = await signedIn(browser);
    try {
      const page = await context.newPage();
      await page.goto(`/clusters/second/groups/${secondGroup}?minutes=60`);
      await expect(page.getByRole("heading", { level: 1, name: secondGroup })).toBeVisible();
      await expect(page.getByTestId("breadcrumb-cluster")).toHaveText("Cluster second");
      await expect(page.getByTestId("cluster-switcher")).toHaveValue("second");
      await expect(page.getByTestId("tile-lag-value")).toHaveText("200", { timeout: 40_000 });
      await expect(page.getByTestId("series-window")).toHaveValue("60");
      // the same group name on the default cluster does not exist
      await page.goto(`/cluster/groups/${secondGroup}`);
      await expect(page).toHaveURL(new RegExp(`/clusters/local/groups/${secondGroup}$`));
      await expect(page.getByTestId("group-detail")).toContainText("not found", { timeout: 40_000 });
      await page.goto("/clusters/prod-us");
      await expect(page.getByTestId("unknown-cluster")).toContainText("No cluster named “prod-us” is configured here.");
      await expect(page.getByTestId("unknown-cluster").getByRole("link", { name: "second" })).toHaveAttribute("href", "/clusters/second");
    } finally {
      await context.close();
    }
    const phone = await signedIn(browser, { width: 390, height: 844 });
    try {
      const page = await phone.newPage();
      await page.goto("/clusters/second");
      await expect(page.locator(`[data-testid="group-row"][data-group="${secondGroup}"]`)).toBeVisible({ timeout: 40_000 });
      await keepScreenshot(page, testInfo, "cluster-second-390");
      await page.getByRole("button", { name: "Menu" }).click();
      await expect(page.getByTestId("cluster-switcher")).toBeVisible();
      await expect(page.getByTestId("cluster-switcher")).toHaveValue("second");
      await page.screenshot({ path: path.join("e2e-artifacts", "screenshots", "two-clusters-switcher-390.png") });
    } finally {
      await phone.close();
    }
  });
});
