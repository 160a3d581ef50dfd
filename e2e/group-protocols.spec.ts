import { expect, test } from "@playwright/test";
import { Kafka, logLevel, type Admin, type Producer } from "kafkajs";
import { JavaGroupMembers } from "../tests/integration/kafka/group-members";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("viewer") });

const suffix = `${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 6)}`;
const topic = `e2e-kip848-${suffix}`;
const group = `e2e-kip848-g-${suffix}`;

let admin: Admin;
let producer: Producer;
let members: JavaGroupMembers;

test.beforeAll(async () => {
  const kafka = new Kafka({ clientId: "ripcord-e2e-kip848", brokers: testBrokers(), logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 300 } });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 4, replicationFactor: 1 }], waitForLeaders: true });
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 400 }, (_, i) => ({ partition: i % 4, value: `record-${i}-${"x".repeat(200)}` })) });
  // Two real Java consumers in a KIP-848 group (group.protocol=consumer), consuming.
  members = JavaGroupMembers.start({ brokers: testBrokers(), groupId: group, protocol: "consumer", topics: [topic] });
  members.join("orders-sink-1", "orders-sink-2");
  await members.waitForLine((l) => l.startsWith("consumed "), { what: "a member consuming", timeoutMs: 90_000 });
});

test.afterAll(async () => {
  await members?.stop();
  await producer?.disconnect();
  await admin.deleteGroups([group]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

test("a consumer-protocol (KIP-848) group shows as Stable with its members on the Cluster and group pages; the topic page shows partition sizes", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto("/cluster?poll=2");
  const row = page.locator(`[data-testid="group-row"][data-group="${group}"]`);
  // The sampler runs every 10 s and the group reconciles two members: allow a few samples.
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row.getByTestId("group-protocol")).toHaveText("consumer");
  await expect(row).toContainText("Stable", { timeout: 60_000 });
  await expect(row).not.toContainText("Dead");
  await keepScreenshot(page, testInfo, "cluster-kip848-group");

  await row.getByRole("link", { name: group }).click();
  await expect(page.getByRole("heading", { level: 1, name: group })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("group-protocol")).toHaveText(/consumer protocol \(KIP-848\), group epoch \d+, assignor uniform/);
  await expect(page.getByTestId("member-row")).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId("members-table")).toContainText("orders-sink-1");
  await expect(page.getByTestId("members-table")).toContainText("orders-sink-2");
  await expect(page.getByTestId("partition-row")).toHaveCount(4);
  await keepScreenshot(page, testInfo, "group-kip848");

  await page.getByRole("link", { name: topic }).first().click();
  await expect(page.getByTestId("topic-partitions")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("partition-size")).toHaveCount(4);
  for (const cell of await page.getByTestId("partition-size").all()) await expect(cell).toHaveText(/^[\d.]+ (B|KiB|MiB)$/);
  await expect(page.getByTestId("topic-size-value")).toHaveText(/^[\d.]+ (KiB|MiB)$/);
  await keepScreenshot(page, testInfo, "topic-sizes");
});
