import { randomBytes } from "node:crypto";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { createLaggingGroup } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { PASSWORD, USERS, storageStateFor } from "./support/users";

const PHONE = { width: 390, height: 844 };

async function phoneAs(browser: Browser, role: "commander" | "responder" | null): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, ...(role ? { storageState: storageStateFor(role) } : {}) });
  return context.newPage();
}

/** The page is no wider than the phone: nothing scrolls sideways. */
async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement?.scrollWidth ?? 0, inner: window.innerWidth }));
  expect(widths.scroll, `${where}: page width ${widths.scroll} px on a ${widths.inner} px screen`).toBeLessThanOrEqual(widths.inner);
}

async function theme(page: Page, dark: boolean): Promise<void> {
  await page.emulateMedia({ colorScheme: dark ? "dark" : "light" });
  await page.evaluate((d) => document.documentElement.classList.toggle("dark", d), dark);
}

/** A topic with a lagging group, an incident on it, and a retention change waiting for a second person. */
async function incidentWaitingForApproval(commander: Page): Promise<{ incidentId: string; topic: string; group: string }> {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const topic = `e2e-phone-orders-with-a-long-name-${suffix}`;
  const group = `e2e-phone-billing-consumers-${suffix}`;
  await createLaggingGroup({ topic, group, records: 100, committed: 20 });
  const opened = await commander.request.post("/api/incidents", { data: { title: `Billing lag on ${group}`, scope: { topics: [topic], groups: [group], services: [] } } });
  expect(opened.status()).toBe(201);
  const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;
  const requested = await commander.request.post(`/api/incidents/${incidentId}/actions`, {
    data: { action: { kind: "change-retention", topic, retentionMs: 1_209_600_000 }, note: "keep two weeks so the backlog is not deleted before billing drains it" },
  });
  expect(requested.status()).toBe(201);
  return { incidentId, topic, group };
}

test("on a 390 px phone: nothing scrolls sideways, the menu reaches every section, a responder annotates and approves", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const commander = await phoneAs(browser, "commander");
  const responder = await phoneAs(browser, "responder");
  const { incidentId } = await incidentWaitingForApproval(commander);

  await test.step("the incident list fits the screen", async () => {
    await responder.goto("/incidents");
    await expect(responder.getByTestId("incident-list")).toBeVisible();
    await expectNoHorizontalScroll(responder, "incident list");
    await keepScreenshot(responder, testInfo, "01-list-light");
    await theme(responder, true);
    await keepScreenshot(responder, testInfo, "02-list-dark");
    await theme(responder, false);
  });

  await test.step("the menu opens the navigation; a section is one tap away", async () => {
    const mainNav = responder.getByRole("navigation", { name: "Main" });
    await expect(mainNav).toBeHidden();
    await responder.getByRole("button", { name: "Menu" }).click();
    await expect(mainNav).toBeVisible();
    await expect(responder.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expectNoHorizontalScroll(responder, "open menu");
    await keepScreenshot(responder, testInfo, "03-menu-open");
    await mainNav.getByRole("link", { name: "Cluster", exact: true }).click();
    await expect(responder.getByRole("heading", { level: 1, name: "Cluster", exact: true })).toBeVisible();
    await expect(mainNav).toBeHidden();
  });

  await test.step("the incident page fits the screen on every tab", async () => {
    await responder.goto(`/incidents/${incidentId}`);
    await expect(responder.getByTestId("stream-status")).toContainText("live");
    // the approval waits for a second person: everyone on the incident sees it, on any tab
    const banner = responder.getByTestId("waiting-banner");
    await expect(banner.getByTestId("waiting-item")).toHaveCount(1);
    await expect(banner).toContainText("Approval: Change topic retention");
    await expect(banner).toContainText(`asked by ${USERS.commander.name}`);
    await expect(banner.getByTestId("waiting-open")).toHaveAttribute("href", /tab=mitigation/);
    // the first screen's group figures read as a card: every figure inside the screen, nothing scrolling in its box
    const card = responder.getByTestId("summary-group").first();
    await expect(card.getByTestId("summary-lag")).toHaveAttribute("data-value", "80", { timeout: 30_000 }); // 100 records, committed 20
    for (const id of ["summary-lag", "summary-time-lag", "summary-growth", "summary-drain"]) {
      const right = await card.getByTestId(id).evaluate((el) => el.getBoundingClientRect().right);
      expect(right, `${id} inside the 390 px screen`).toBeLessThanOrEqual(390);
    }
    const box = await card.evaluate((el) => { const wrap = el.closest("table")!.parentElement!; return { scroll: wrap.scrollWidth, client: wrap.clientWidth }; });
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    for (const tab of ["timeline", "severity", "root-cause", "mitigation", "review"]) {
      await responder.getByTestId(`tab-${tab}`).click();
      await expect(responder.getByTestId(`tab-${tab}`)).toHaveAttribute("aria-selected", "true");
      await expectNoHorizontalScroll(responder, `incident page, ${tab} tab`);
    }
  });

  await test.step("the annotation composer is reachable and posts", async () => {
    await responder.getByTestId("tab-timeline").click();
    const body = responder.getByTestId("annotation-body");
    await body.scrollIntoViewIfNeeded();
    await expect(body).toBeInViewport();
    await body.fill("Billing pods restarted at 09:12 after the deploy, checking their logs");
    await responder.getByTestId("post-annotation").click();
    await expect(responder.getByTestId("timeline-entry").filter({ hasText: "Billing pods restarted at 09:12" })).toBeVisible();
    await expectNoHorizontalScroll(responder, "timeline after posting");
    await keepScreenshot(responder, testInfo, "04-incident-timeline-light");
    await theme(responder, true);
    await keepScreenshot(responder, testInfo, "05-incident-timeline-dark");
    await theme(responder, false);
  });

  await test.step("the approve button is reachable and approves", async () => {
    await responder.getByTestId("tab-mitigation").click();
    const approve = responder.getByTestId("action-approve");
    await approve.scrollIntoViewIfNeeded();
    await expect(approve).toBeInViewport();
    await keepScreenshot(responder, testInfo, "06-approval-light");
    await theme(responder, true);
    await keepScreenshot(responder, testInfo, "07-approval-dark");
    await theme(responder, false);
    await approve.click();
    await expect(responder.getByTestId("action-status")).toHaveText("approved");
    await expect(responder.getByTestId("waiting-banner")).toBeHidden(); // nothing waits any more
    await expectNoHorizontalScroll(responder, "approved action");
  });

  await test.step("the commander's incident page with its controls fits too", async () => {
    await commander.goto(`/incidents/${incidentId}`);
    await expect(commander.getByTestId("commander")).toHaveText(USERS.commander.name);
    await expectNoHorizontalScroll(commander, "commander's incident page");
    await keepScreenshot(commander, testInfo, "08-commander-incident-light");
    await theme(commander, true);
    await keepScreenshot(commander, testInfo, "09-commander-incident-dark");
  });

  await test.step("Sign out is reachable from the menu (in a session of its own)", async () => {
    const visitor = await phoneAs(browser, null);
    await visitor.goto("/login");
    await visitor.getByLabel("Email").fill(USERS.viewer.email);
    await visitor.getByLabel("Password").fill(PASSWORD);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await expect(visitor).toHaveURL(/\/incidents$/);
    await expectNoHorizontalScroll(visitor, "signed-in list");
    await visitor.getByRole("button", { name: "Menu" }).click();
    await visitor.getByRole("button", { name: "Sign out" }).click();
    await expect(visitor).toHaveURL(/\/login$/);
    await expectNoHorizontalScroll(visitor, "sign-in page");
  });
});
