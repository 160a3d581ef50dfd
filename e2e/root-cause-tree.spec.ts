import { randomBytes } from "node:crypto";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { Kafka, logLevel } from "kafkajs";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { USERS, storageStateFor } from "./support/users";

/** 3 partitions × 200 records and a group that committed 50 of each, then left: a stopped consumer group. */
async function stoppedGroup(): Promise<{ topic: string; group: string }> {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const topic = `e2e-tree-${suffix}`;
  const group = `e2e-tree-g-${suffix}`;
  const kafka = new Kafka({ clientId: "ripcord-e2e-tree", brokers: testBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    for (const partition of [0, 1, 2]) {
      await producer.send({ topic, messages: Array.from({ length: 200 }, (_, i) => ({ partition, key: String(i), value: `order ${i}` })) });
    }
    await admin.setOffsets({ groupId: group, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "50" })) });
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
  return { topic, group };
}

async function pageAs(browser: Browser, role: "commander" | "responder", colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role), colorScheme });
  return context.newPage();
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { role: el?.getAttribute("role") ?? null, node: el?.dataset.node ?? null, suggested: el?.dataset.suggested === "true", tag: el?.tagName ?? "", text: el?.textContent?.trim() ?? "" };
  });

async function tabUntil(page: Page, accept: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (accept(await focused(page))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${what}`);
}

test("the commander reaches the suggested cause by keyboard and confirms it; the responder sees it within 1 s", async ({ browser }, testInfo) => {
  const { topic, group } = await stoppedGroup();
  const commander = await pageAs(browser, "commander");
  const responder = await pageAs(browser, "responder", "dark");

  const opened = await commander.request.post("/api/incidents", { data: { title: `Orders lag on ${group}`, scope: { topics: [topic], groups: [group], services: [] } } });
  expect(opened.status()).toBe(201);
  const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

  // The suggested node must be the top-ranked cause of the API's diagnosis.
  let top = "";
  await expect
    .poll(async () => {
      const res = await commander.request.get(`/api/incidents/${incidentId}/diagnosis`);
      const d = (await res.json()) as { causes: { id: string }[]; suggested: string | null };
      top = d.causes[0]?.id ?? "";
      return top !== "" && d.suggested === top;
    }, { timeout: 30_000 })
    .toBe(true);
  expect(top).toBe("consumer.stopped");

  const url = `/incidents/${incidentId}?tab=root-cause`;
  await responder.goto(url);
  await commander.goto(url);
  const tree = commander.getByRole("tree", { name: "Root-cause tree" });
  await expect(tree).toBeVisible();
  await expect(commander.locator(`[role="treeitem"][data-node="${top}"][data-suggested="true"]`)).toBeVisible();
  await expect(commander.getByTestId("tree-top-cause")).toBeVisible();
  await expect(commander.getByTestId("stream-status")).toContainText("live");
  await expect(responder.getByTestId("stream-status")).toContainText("live");

  await test.step("keyboard only: into the tree, Home, down to the suggested node, Enter", async () => {
    await commander.locator("body").click({ position: { x: 1, y: 1 } });
    await tabUntil(commander, (f) => f.role === "treeitem", "the tree");
    await commander.keyboard.press("Home");
    expect((await focused(commander)).node).toBe("producer");
    // collapsed branches say what is under them
    await expect(commander.locator('[data-node="producer"]')).toHaveAttribute("aria-expanded", "false");
    await expect(commander.locator("#tree-producer-desc")).toContainText("unknown");
    for (let i = 0; i < 40 && !(await focused(commander)).suggested; i++) await commander.keyboard.press("ArrowDown");
    expect(await focused(commander)).toMatchObject({ node: top, suggested: true });
    await commander.keyboard.press("Enter");
    await expect(commander).toHaveURL(new RegExp(`[?&]node=${top.replace(".", "\\.")}`));
    await expect(commander.locator(`[role="treeitem"][data-node="${top}"]`)).toHaveAttribute("aria-selected", "true");
    const detail = commander.getByTestId("tree-detail");
    await expect(detail.getByRole("heading", { level: 2 })).toHaveText("Consumers stopped or hung");
    await expect(detail).toContainText("Symptom");
    await expect(detail).toContainText("Wrong approach");
    await keepScreenshot(commander, testInfo, "01-suggested-node-open");
  });

  await test.step("keyboard only: write the note and confirm", async () => {
    await tabUntil(commander, (f) => f.tag === "TEXTAREA", "the note");
    await commander.keyboard.type("Offsets frozen on all 3 partitions, group empty: consumers gone since the deploy");
    await tabUntil(commander, (f) => f.tag === "BUTTON" && f.text === "Confirm", "Confirm", 10);
    await commander.keyboard.press("Enter");
    // acknowledged: the server stored the entry and the commander's page shows it
    await expect(commander.getByTestId("tree-current-mark")).toContainText(USERS.commander.name);
    await expect(commander.locator(`[role="treeitem"][data-node="${top}"] [data-mark="confirmed"]`)).toBeVisible();
  });
  const confirmedAt = Date.now();

  await test.step("the responder's browser shows the confirmation within 1 s", async () => {
    await expect(responder.locator(`[role="treeitem"][data-node="${top}"] [data-mark="confirmed"]`)).toBeVisible({ timeout: 1_000 });
    testInfo.annotations.push({ type: "live-latency-ms", description: String(Date.now() - confirmedAt) });
    // the collapsed-branch summary counts it too
    const consumerRow = responder.locator('[data-node="consumer"] > div').first();
    await consumerRow.click();
    await expect(responder.locator('[data-node="consumer"]')).toHaveAttribute("aria-expanded", "false");
    await expect(responder.locator("#tree-consumer-desc")).toContainText("marked 1 confirmed");
    await consumerRow.click();
  });

  await test.step("a deep link opens the node; a wrong mitigation is explained", async () => {
    await responder.goto(`/incidents/${incidentId}?tab=root-cause&node=topic.partition-skew`);
    const detail = responder.getByTestId("tree-detail");
    await expect(detail.getByRole("heading", { level: 2 })).toHaveText("Hot partition (skew)");
    await expect(responder.locator('[data-node="topic.partition-skew"]')).toHaveAttribute("aria-selected", "true");
    await detail.getByLabel("Reaching for a mitigation? Check it against this cause").selectOption("scale-consumers");
    await expect(detail.getByTestId("wrong-approach-warning")).toContainText("one partition is read by one consumer only");
    await responder.goto(`/incidents/${incidentId}?tab=root-cause&node=${top}`);
    await expect(responder.getByTestId("tree-current-mark")).toContainText("Offsets frozen on all 3 partitions");
    await keepScreenshot(responder, testInfo, "02-responder-dark-confirmed");
  });
});
