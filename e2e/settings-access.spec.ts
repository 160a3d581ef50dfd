import { randomBytes } from "node:crypto";
import { request } from "@playwright/test";
import { E2E_BASE_URL } from "../playwright.config";
import { keepScreenshot } from "./support/screenshots";
import { expect, test } from "./support/test";
import { PASSWORD, USERS, storageStateFor } from "./support/users";

test("an admin revokes a token and disables a person from Settings; both stop working on their next request", async ({ browser }, testInfo) => {
  const run = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await admin.newPage();

  // A person to disable, signed in elsewhere (their own API client with a session cookie).
  const email = `temp-${run}@ripcord.test`;
  const created = await admin.request.post("/api/users", { data: { email, name: `Temp ${run}`, password: PASSWORD, role: "responder" } });
  expect(created.status()).toBe(201);
  const elsewhere = await request.newContext({ baseURL: E2E_BASE_URL });
  expect((await elsewhere.post("/api/auth/login", { data: { email, password: PASSWORD } })).status()).toBe(200);
  expect((await elsewhere.get("/api/auth/me")).status()).toBe(200);

  let token = "";
  await test.step("the admin creates a machine token and sees it listed", async () => {
    await page.goto("/settings/users");
    const form = page.getByRole("form", { name: "Create an API token" });
    await form.getByLabel("Name").fill(`deploys-${run}`);
    await form.getByTestId("token-kind").selectOption("machine");
    await form.getByRole("button", { name: "Create token" }).click();
    token = (await page.getByTestId("new-token").textContent()) ?? "";
    expect(token).toMatch(/^rpc_/);
    await expect(page.getByTestId(`token-deploys-${run}`)).toContainText("Machine");
    const machine = await request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    expect((await machine.get("/api/incidents")).status()).toBe(200);
    await machine.dispose();
  });

  await test.step("the admin revokes it: 401 on its next request", async () => {
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId(`token-deploys-${run}`).getByTestId("token-revoke").click();
    await expect(page.getByTestId(`token-deploys-${run}`).getByTestId("token-revoked")).toContainText(`by ${USERS.admin.name}`);
    const machine = await request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    expect((await machine.get("/api/incidents")).status()).toBe(401);
    await machine.dispose();
  });

  await test.step("the admin disables the person: their session gets 401 at once", async () => {
    const row = page.getByTestId(`user-Temp ${run}`);
    await row.getByTestId("user-toggle-disabled").click();
    await expect(row).toContainText("disabled");
    expect((await elsewhere.get("/api/auth/me")).status()).toBe(401);
    expect((await elsewhere.post("/api/auth/login", { data: { email, password: PASSWORD } })).status()).toBe(401);
    await keepScreenshot(page, testInfo, "01-token-revoked-user-disabled");
  });

  await test.step("a viewer sees names and roles, no emails", async () => {
    const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
    const viewerPage = await viewer.newPage();
    await viewerPage.goto("/settings/users");
    await expect(viewerPage.getByTestId("users-table")).toContainText(USERS.admin.name);
    await expect(viewerPage.getByTestId("users-table")).not.toContainText("@ripcord.test");
    await expect(viewerPage.getByRole("form", { name: "Create an API token" }).getByTestId("token-kind")).toHaveCount(0);
    await keepScreenshot(viewerPage, testInfo, "02-viewer");
    await viewer.close();
  });
  await elsewhere.dispose();
  await admin.close();
});

test("an admin maps a person to a catalog owner in Settings → Data owners; viewers read the mapping", async ({ browser }, testInfo) => {
  const run = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
  const owner = `Billing Data ${run}`;
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const entry = await admin.request.post("/api/catalog", {
    data: { group: `billing-sink-${run}`, service: "billing", team: "billing", tier: "critical", owners: { impact: { name: "Finance", contact: "slack:#finance" }, diagnosis: { name: "Billing on-call", contact: "pagerduty:BILL" }, action: { name: owner, contact: "slack:#billing-data" } } },
  });
  expect(entry.status()).toBe(201);
  const page = await admin.newPage();
  await page.goto("/settings/owners");
  const row = page.getByTestId(`owner-${owner.toLowerCase()}`);
  await expect(row).toContainText(`Approves offset changes of billing-sink-${run}`);
  await expect(row.getByTestId("owner-members")).toHaveText("nobody mapped");
  await row.getByTestId("owner-edit").click();
  await row.getByLabel(USERS.responder.name).check();
  await row.getByTestId("owner-save").click();
  await expect(row.getByTestId("owner-members")).toHaveText(USERS.responder.name);
  await keepScreenshot(page, testInfo, "01-owner-mapped");
  const viewer = await browser.newContext({ storageState: storageStateFor("viewer") });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto("/settings/owners");
  await expect(viewerPage.getByTestId(`owner-${owner.toLowerCase()}`).getByTestId("owner-members")).toHaveText(USERS.responder.name);
  await expect(viewerPage.getByTestId("owner-edit")).toHaveCount(0);
  await viewer.close();
  await admin.close();
});
