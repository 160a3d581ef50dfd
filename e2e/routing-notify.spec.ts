import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { request } from "@playwright/test";
import { expect, test } from "./support/test";
import { E2E_BASE_URL } from "../playwright.config";
import { keepScreenshot } from "./support/screenshots";
import { storageStateFor } from "./support/users";

/** A real webhook receiver on 127.0.0.1 for the browser tests: it records what Ripcord sends. */
async function receiver(): Promise<{ url: string; bodies: Record<string, unknown>[]; close: () => Promise<void> }> {
  const bodies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      try {
        bodies.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        bodies.push({ raw: text });
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

test.describe("routing, notifications and catch-up", () => {
  test("the incident shows its three owners and routing history; a responder who arrives late gets the catch-up", async ({ browser }, testInfo) => {
    // four browsers (admin, commander, responder, admin again) in one story: a budget, not a wait
    test.slow();
    const run = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
    const group = `e2e-route-${run}`;
    const topic = `e2e-route-orders-${run}`;
    const channel = `e2e-room-${run}`;
    const hook = await receiver();
    const admin = await request.newContext({ baseURL: E2E_BASE_URL, storageState: storageStateFor("admin") });
    const commander = await request.newContext({ baseURL: E2E_BASE_URL, storageState: storageStateFor("commander") });

    await test.step("an admin adds a channel in Settings → Notifications (a bad URL is refused, naming the field)", async () => {
      const context = await browser.newContext({ storageState: storageStateFor("admin") });
      const page = await context.newPage();
      await page.goto("/settings/notifications");
      const form = page.getByTestId("channel-form");
      await form.getByLabel("Name").fill(channel);
      await form.getByLabel("Incoming-webhook URL").fill("ftp://hooks.example.com/x");
      await form.getByRole("button", { name: "Add channel" }).click();
      await expect(page.getByTestId("channel-url-error")).toContainText("http(s)");
      await form.getByLabel("Incoming-webhook URL").fill(`${E2E_BASE_URL}/api/alerts/webhook`);
      await form.getByRole("button", { name: "Add channel" }).click();
      await expect(page.getByTestId("channel-url-error")).toContainText("points at this Ripcord server");
      await form.getByLabel("Incoming-webhook URL").fill(hook.url);
      await form.getByLabel("Format").selectOption("json");
      await form.getByRole("button", { name: "Add channel" }).click();
      await expect(page.locator(`[data-testid="channel-row"][data-name="${channel}"]`)).toBeVisible();
      const routing = page.getByTestId("cluster-routing-form");
      await routing.getByLabel("Default channel (incident room)").selectOption(channel);
      await routing.getByLabel("Platform owner").fill("Streaming platform");
      await routing.getByLabel("How to reach them").fill("pagerduty:PLATFORM");
      await routing.getByRole("button", { name: "Save routing" }).click();
      await expect(routing.getByRole("status")).toHaveText("Saved.");
      await keepScreenshot(page, testInfo, "settings-notifications");
      await context.close();
    });

    const incidentId = await test.step("the catalog names the group's owners; a commander opens an incident and confirms a broker cause", async () => {
      const entry = await admin.post("/api/catalog", {
        data: {
          group,
          service: "orders-sink",
          team: "orders",
          tier: "critical",
          freshnessSloSeconds: 20,
          owners: { impact: { name: "Checkout", contact: "slack:#checkout" }, diagnosis: { name: "Orders team", contact: "slack:#orders" }, action: { name: "Orders on-call", contact: "pagerduty:ORDERS" } },
          runbook: "https://runbooks.example/orders-sink",
          channels: [channel],
        },
      });
      expect(entry.status()).toBe(201);
      const opened = await commander.post("/api/incidents", { data: { title: `orders-sink behind ${run}`, scope: { topics: [topic], groups: [group], services: [] } } });
      expect(opened.status()).toBe(201);
      const id = ((await opened.json()) as { incident: { id: string } }).incident.id;
      await expect.poll(async () => ((await (await commander.get(`/api/incidents/${id}`)).json()) as { entries: { kind: string }[] }).entries.some((e) => e.kind === "owners-suggested")).toBe(true);
      const mark = await commander.post(`/api/incidents/${id}/tree/marks`, { data: { leafId: "broker.down", mark: "confirmed", note: "broker 1 restarted at 10:01" } });
      expect(mark.status()).toBe(201);
      const update = await commander.post(`/api/incidents/${id}/updates`, { data: { known: "orders-sink stopped after a broker restart.", impact: "Checkout dashboards are stale.", next: "Platform restores the broker.", nextUpdateAt: new Date(Date.now() + 30 * 60_000).toISOString() } });
      expect(update.status()).toBe(201);
      return id;
    });

    await test.step("the commander's page shows the three owners with contacts and runbook, and the routing history", async () => {
      const context = await browser.newContext({ storageState: storageStateFor("commander") });
      const page = await context.newPage();
      await page.goto(`/incidents/${incidentId}`);
      // hydrated and following the log (under load hydration can take several seconds)
      await expect(page.getByTestId("stream-status")).toContainText("live", { timeout: 30_000 });
      const owners = page.getByTestId("owners-panel");
      await expect(owners).toHaveAttribute("data-side", "platform");
      await expect(owners.getByTestId("owners-impact")).toContainText("Checkout");
      await expect(owners.getByTestId("owners-impact")).toContainText("slack:#checkout");
      await expect(owners.getByTestId("owners-diagnosis")).toContainText("Streaming platform");
      await expect(owners.getByTestId("owners-action")).toContainText("pagerduty:PLATFORM");
      await expect(owners.getByTestId("runbook-link").first()).toHaveAttribute("href", "https://runbooks.example/orders-sink");
      await owners.getByTestId("routing-history-toggle").click();
      const history = owners.getByTestId("routing-history-item");
      await expect(history).toHaveCount(2);
      await expect(history.nth(0)).toHaveAttribute("data-kind", "opened");
      await expect(history.nth(0)).toContainText("diagnosis Orders team");
      await expect(history.nth(1)).toHaveAttribute("data-side", "platform");
      await expect(history.nth(1)).toContainText("a commander confirmed Broker down");
      await expect(page.getByTestId("latest-update")).toContainText("Checkout dashboards are stale.");
      // the commander took part: no catch-up thrust on them
      await expect(page.getByTestId("catch-up")).toHaveAttribute("data-open", "false");
      await keepScreenshot(page, testInfo, "owners-and-routing");
      await context.close();
    });

    await test.step("a responder who opens the incident late sees the catch-up summary", async () => {
      const context = await browser.newContext({ storageState: storageStateFor("responder") });
      const page = await context.newPage();
      await page.goto(`/incidents/${incidentId}`);
      await expect(page.getByTestId("stream-status")).toContainText("live", { timeout: 30_000 });
      const catchUp = page.getByTestId("catch-up");
      await expect(catchUp).toHaveAttribute("data-late", "true");
      const summary = page.getByTestId("catch-up-summary");
      await expect(summary).toBeVisible();
      await expect(page.getByTestId("catch-up-headline")).toContainText("Detection");
      await expect(page.getByTestId("catch-up-cause")).toContainText("Broker down (confirmed)");
      await expect(page.getByTestId("catch-up-cause")).toContainText("broker 1 restarted at 10:01");
      await expect(page.getByTestId("catch-up-waiting")).toContainText("the next stakeholder update");
      await expect(page.getByTestId("catch-up-moments")).toContainText("confirmed Broker down");
      await keepScreenshot(page, testInfo, "catch-up-late-responder");
      await context.close();
    });

    await test.step("the channel got the incident, and the admin sees the deliveries delivered", async () => {
      await expect.poll(() => hook.bodies.filter((b) => (b.incident as { id?: string } | undefined)?.id === incidentId).map((b) => b.event).sort(), { timeout: 20_000 }).toEqual(
        expect.arrayContaining(["incident-opened", "routing-changed", "stakeholder-update"]),
      );
      const context = await browser.newContext({ storageState: storageStateFor("admin") });
      const page = await context.newPage();
      await page.goto("/settings/notifications");
      const rows = page.locator(`[data-testid="delivery-row"][data-channel="${channel}"]`);
      await expect(rows.first()).toBeVisible();
      await expect(rows.filter({ has: page.locator('[data-status="delivered"]') }).first()).toBeVisible();
      await keepScreenshot(page, testInfo, "deliveries");
      await context.close();
    });

    await admin.delete(`/api/catalog/${((await (await admin.get("/api/catalog")).json()) as { entries: { id: string; match: string }[] }).entries.find((e) => e.match === group)?.id ?? "none"}`);
    await admin.put("/api/notifications/routing/local", { data: { defaultChannel: null } });
    await admin.dispose();
    await commander.dispose();
    await hook.close();
  });
});
