import { expect, test } from "./support/test";
import { Kafka, logLevel, type Admin, type Producer } from "kafkajs";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("viewer") });

const suffix = `${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 6)}`;
const topic = `e2e-cluster-${suffix}`;
const group = `e2e-cluster-g-${suffix}`;

const parseCount = (text: string): number => {
  const t = text.trim().replace(/,/g, "");
  const m = /^([\d.]+)([kMG]?)$/.exec(t);
  if (!m) return Number.NaN;
  return Number(m[1]) * ({ "": 1, k: 1e3, M: 1e6, G: 1e9 }[m[2] as "" | "k" | "M" | "G"] ?? 1);
};

let admin: Admin;
let producer: Producer;
let producing = true;
let loop: Promise<void> | null = null;

test.beforeAll(async () => {
  const kafka = new Kafka({ clientId: "ripcord-e2e-cluster", brokers: testBrokers(), logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 300 } });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: false });
  // The shared broker is busy: wait for the leaders ourselves, tolerating transient metadata errors.
  for (let i = 0; i < 40; i++) {
    const ready = await admin
      .fetchTopicMetadata({ topics: [topic] })
      .then((m) => m.topics[0]?.partitions.length === 3 && m.topics[0].partitions.every((p) => p.leader >= 0))
      .catch(() => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 60 }, (_, i) => ({ partition: i % 3, value: `seed-${i}` })) });
  // A group that committed at the start and then stopped reading: every record is lag.
  await admin.setOffsets({ groupId: group, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "0" })) });
  // A test producer that keeps writing while the spec runs.
  loop = (async () => {
    let n = 0;
    while (producing) {
      await producer.send({ topic, messages: Array.from({ length: 15 }, (_, i) => ({ partition: (n + i) % 3, value: `live-${n + i}` })) }).catch(() => undefined);
      n += 15;
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
});

test.afterAll(async () => {
  producing = false;
  await loop;
  await producer?.disconnect();
  await admin.deleteGroups([group]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

test("the Cluster page shows a group's lag from the real broker, and its chart grows while a producer writes", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await page.goto("/cluster?poll=2");
  await expect(page.getByRole("heading", { level: 1, name: "Cluster" })).toBeVisible();
  const row = page.locator(`[data-testid="group-row"][data-group="${group}"]`);
  // The server samples every 10 s; a new group appears with the next sample.
  await expect(row).toBeVisible({ timeout: 40_000 });
  const firstLag = parseCount(await row.getByTestId("group-lag").innerText());
  expect(firstLag).toBeGreaterThanOrEqual(60);
  await expect(page.getByTestId("freshness-bar")).toHaveAttribute("data-state", /fresh|collecting/);
  await expect(page.getByTestId("data-age")).toContainText("ago");
  await expect(page.getByTestId("brokers").getByTestId("broker").first()).toBeVisible();
  // The active controller comes from the KRaft quorum (DescribeQuorum), not from metadata's random broker.
  await expect(page.getByTestId("controller")).toContainText(/Active controller #1 \(KRaft quorum leader, epoch \d+\)\. Voters #1, all caught up/);
  await expect(page.getByTestId("brokers-panel")).not.toContainText("metadata names broker");
  // The broker's log dir, with the volume's fill (DescribeLogDirs v4).
  await expect(page.getByTestId("broker").first().getByTestId("log-dir")).toContainText(/Kafka [\d.]+ (B|KiB|MiB|GiB) · [\d.]+ (MiB|GiB|TiB) free of [\d.]+ (GiB|TiB) \(\d+% used\)/);
  await expect(row.getByTestId("group-protocol")).toHaveText("classic");
  await page.getByTestId("topic-filter").fill(topic);
  await expect(page.locator(`[data-testid="topic-row"][data-topic="${topic}"]`)).toBeVisible();
  await keepScreenshot(page, testInfo, "cluster-overview");

  // Keyboard: the group link is reachable and opens the group page.
  await row.getByRole("link", { name: group }).focus();
  await page.keyboard.press("Enter");
  // Server-rendered under a shared, busy machine: allow the navigation some time.
  await expect(page).toHaveURL(new RegExp(`/clusters/[^/]+/groups/${group}$`), { timeout: 45_000 });
  await expect(page.getByRole("heading", { level: 1, name: group })).toBeVisible({ timeout: 20_000 });
  const chart = page.getByTestId("lag-chart");
  await expect(chart).toBeVisible({ timeout: 20_000 });
  const pointsAtStart = Number(await chart.getAttribute("data-points"));
  const lagAtStart = parseCount(await page.getByTestId("tile-lag-value").innerText());
  expect(lagAtStart).toBeGreaterThanOrEqual(firstLag);

  // While the producer keeps writing, new samples arrive: more points, and more lag.
  await expect.poll(async () => Number(await chart.getAttribute("data-points")), { timeout: 60_000, intervals: [2_000] }).toBeGreaterThanOrEqual(pointsAtStart + 2);
  await expect.poll(async () => parseCount(await page.getByTestId("tile-lag-value").innerText()), { timeout: 30_000, intervals: [2_000] }).toBeGreaterThan(lagAtStart);
  await expect(page.getByTestId("partition-lag-bars")).toBeVisible();
  await expect(page.getByTestId("rate-chart")).toBeVisible();
  await expect(page.locator("[data-testid=lag-chart] svg path.recharts-curve").first()).toBeVisible();
  await expect(page.getByTestId("partition-row")).toHaveCount(3);
  await expect(page.getByText("Lag is measured against the high watermark")).toBeVisible();
  await expect(page.getByTestId("group-protocol")).toContainText("classic protocol");
  await expect(page.getByTestId("members-panel")).toContainText("No live members (group Empty)");
  await keepScreenshot(page, testInfo, "group-page");

  // Pausing stops polling: the data age keeps growing and no request goes out.
  await page.getByTestId("poll-pause").click();
  await expect(page.getByTestId("poll-pause")).toHaveAttribute("aria-pressed", "true");
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await keepScreenshot(page, testInfo, "group-page-dark");
  await page.getByTestId("poll-pause").click();
});
