import { randomBytes } from "node:crypto";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { USERS, storageStateFor } from "./support/users";

async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: "ripcord-e2e-actions", brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The topic's dynamic overrides, read straight from Kafka. */
const overrides = (topic: string) =>
  withAdmin(async (admin) => {
    const res = await admin.describeConfigs({ resources: [{ type: 2, name: topic }], includeSynonyms: false });
    return Object.fromEntries((res.resources[0]?.configEntries ?? []).filter((e) => e.configSource === 1).map((e) => [e.configName, e.configValue]));
  });

async function pageAs(browser: Browser, role: "commander" | "responder"): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  return context.newPage();
}

test("the commander requests a retention change, a responder approves it from another browser, and Kafka has the new value", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const topic = `e2e-ledger-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  await withAdmin((admin) =>
    admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: "retention.ms", value: "3600000" }, { name: "max.message.bytes", value: "2000000" }] }] }),
  );
  const commander = await pageAs(browser, "commander");
  const responder = await pageAs(browser, "responder");

  const res = await commander.request.post("/api/incidents", { data: { title: `Ledger retention too short on ${topic}`, scope: { topics: [topic], groups: [], services: [] } } });
  expect(res.status()).toBe(201);
  const incidentId = ((await res.json()) as { incident: { id: string } }).incident.id;
  const url = `/incidents/${incidentId}?tab=mitigation`;

  await test.step("the commander requests the change and sees its dry run", async () => {
    await commander.goto(url);
    await commander.getByTestId("plan-action").click();
    await commander.getByTestId("action-kind").selectOption("change-retention");
    await commander.getByTestId("action-topic").fill(topic);
    await commander.getByTestId("action-retention-hours").fill("24");
    await commander.getByTestId("action-request").click();
    await expect(commander.getByTestId("waiting-approval")).toContainText("Waiting for approval by a second person");
    await expect(commander.getByTestId("dry-after")).toHaveText("86400000");
    await expect(commander.getByTestId("action-approve")).toHaveCount(0); // no self-approval
    await keepScreenshot(commander, testInfo, "01-requested-dry-run");
  });

  await test.step("a responder approves it from another browser; the commander sees it live", async () => {
    await responder.goto(url);
    await responder.getByTestId("action-approve").click();
    await expect(responder.getByTestId("action-status")).toHaveText("approved");
    await expect(commander.getByTestId("action-status")).toHaveText("approved");
    await keepScreenshot(responder, testInfo, "02-approved-by-responder");
  });

  await test.step("the commander executes; the result is read back from Kafka", async () => {
    await commander.getByTestId("action-execute").click();
    await expect(commander.getByTestId("action-status")).toHaveText("executed");
    await expect(commander.getByTestId("action-readback")).toContainText("retention.ms=86400000");
    await expect(commander.getByTestId("action-rollback")).toBeVisible();
    await keepScreenshot(commander, testInfo, "03-executed-read-back");
  });

  const after = await overrides(topic);
  expect(after["retention.ms"]).toBe("86400000");
  expect(after["max.message.bytes"]).toBe("2000000");

  await test.step("the card says who approved, with which credential, and until when", async () => {
    await expect(commander.getByTestId("action-approved-by")).toContainText(`Approved by ${USERS.responder.name} with a browser session`);
  });

  await test.step("the rollback needs a second person too: requested, approved by the responder, then applied", async () => {
    await commander.getByTestId("action-rollback").click();
    await expect(commander.getByTestId("action-status")).toHaveText("rollback-requested");
    await expect(commander.getByTestId("waiting-rollback-approval")).toContainText("you asked for it");
    expect((await overrides(topic))["retention.ms"]).toBe("86400000");
    await responder.getByTestId("rollback-approve").click();
    await expect(commander.getByTestId("action-status")).toHaveText("rollback-approved");
    await expect(commander.getByTestId("rollback-approved-by")).toContainText(USERS.responder.name);
    await keepScreenshot(commander, testInfo, "04-rollback-approved");
    await commander.getByTestId("action-rollback-now").click();
    await expect(commander.getByTestId("action-status")).toHaveText("rolled-back");
    expect((await overrides(topic))["retention.ms"]).toBe("3600000");
  });

  // dark theme screenshot of the same panel
  await commander.emulateMedia({ colorScheme: "dark" });
  await commander.evaluate(() => document.documentElement.classList.add("dark"));
  await keepScreenshot(commander, testInfo, "05-rolled-back-dark");
  await withAdmin((admin) => admin.deleteTopics({ topics: [topic] })).catch(() => undefined);
});
