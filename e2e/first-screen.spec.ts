import { randomBytes } from "node:crypto";
import { request, type Browser, type Page } from "@playwright/test";
import { E2E_BASE_URL } from "../playwright.config";
import { expect, test } from "./support/test";
import { createLaggingGroup } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { storageStateFor } from "./support/users";

/** The sampler's cadence on the e2e server (RIPCORD_SAMPLE_INTERVAL_MS default). */
const SAMPLING_INTERVAL_SECONDS = 10;
const GENERATOR_URL = "http://prometheus.test/graph?g0.expr=kafka_consumergroup_lag";

async function pageAs(browser: Browser, role: "commander", viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role), viewport });
  return context.newPage();
}

async function theme(page: Page, dark: boolean): Promise<void> {
  await page.emulateMedia({ colorScheme: dark ? "dark" : "light" });
  await page.evaluate((d) => document.documentElement.classList.toggle("dark", d), dark);
}

/** A topic with 200 records and a group that committed 50 of them and has no consumer: lagging, not draining. */
async function laggingGroup(run: string): Promise<{ topic: string; group: string }> {
  const topic = `e2e-first-orders-${run}`;
  const group = `e2e-first-billing-${run}`;
  return createLaggingGroup({ topic, group, records: 200, committed: 50 });
}

test("an alert-opened incident for a lagging group shows what is wrong and how bad on its first screen, without scrolling", async ({ browser }, testInfo) => {
  // a budget, not a speed bound: at load 28 its four full-page screenshots took 8-24 s each and the
  // steps before the last one 185 s (issue-18 e2e run, 2026-12-01)
  test.setTimeout(300_000);
  const run = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
  const { topic, group } = await laggingGroup(run);

  const token = await test.step("an admin catalogs the group (owners, runbook, 60 s SLO) and creates an Alertmanager token", async () => {
    const admin = await request.newContext({ baseURL: E2E_BASE_URL, storageState: storageStateFor("admin") });
    const catalogued = await admin.post("/api/catalog", {
      data: {
        group, service: "billing", team: "finance", tier: "critical", freshnessSloSeconds: 60, reads: [topic],
        owners: { impact: { name: "Finance On-call", contact: "pager:finance" }, diagnosis: { name: "Billing Devs", contact: "slack:#billing" }, action: { name: "Billing Devs", contact: "slack:#billing" } },
        runbook: "https://runbooks.test/billing-lag",
      },
    });
    expect(catalogued.status(), await catalogued.text()).toBe(201);
    const created = await admin.post("/api/tokens", { data: { name: `alertmanager-first-${run}`, role: "responder", kind: "alert-source" } });
    expect(created.status()).toBe(201);
    const { token } = (await created.json()) as { token: string };
    await admin.dispose();
    return token;
  });

  const incidentId = await test.step("Alertmanager posts a firing lag alert for the group", async () => {
    const machine = await request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const response = await machine.post("/api/alerts/alertmanager", {
      data: {
        version: "4", groupKey: `{}:{consumergroup="${group}"}`, truncatedAlerts: 0, status: "firing", receiver: "ripcord",
        groupLabels: { alertname: "KafkaConsumerLagHigh" }, commonLabels: {}, commonAnnotations: {}, externalURL: "http://alertmanager.test",
        alerts: [{
          status: "firing",
          labels: { alertname: "KafkaConsumerLagHigh", topic, consumergroup: group },
          annotations: { summary: `billing behind on ${topic}` },
          startsAt: new Date().toISOString(), endsAt: "0001-01-01T00:00:00Z", generatorURL: GENERATOR_URL, fingerprint: `first${run}`,
        }],
      },
    });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { alerts: { outcome: string; incidentId: string | null }[] };
    expect(body.alerts[0]?.outcome).toBe("opened");
    await machine.dispose();
    return body.alerts[0]!.incidentId!;
  });

  const laptop = await pageAs(browser, "commander", { width: 1440, height: 900 });
  const summary = laptop.getByTestId("commander-summary");
  const line = summary.locator(`[data-testid="summary-group"][data-group="${group}"]`);

  await test.step("at 1440×900 the first screen, unscrolled, shows severity, the group's lag and time lag against its SLO, the leading cause, owners, runbook and the alert's source", async () => {
    await laptop.goto(`/incidents/${incidentId}`);
    // the group appears with the sampler's next sample after it was created (one interval, plus a poll)
    await expect(line.getByTestId("summary-lag")).toHaveAttribute("data-value", "150", { timeout: 30_000 });
    await expect(line.getByTestId("summary-time-lag")).toContainText("/ SLO 60 s");
    await expect(line.getByTestId("summary-drain")).toHaveText("not draining");
    // the group page on the incident's own cluster (issue 18)
    await expect(line.getByRole("link", { name: group })).toHaveAttribute("href", new RegExp(`^/clusters/[^/]+/groups/${group}$`));
    await expect(summary.getByTestId("summary-severity")).toContainText(/SEV-[1-4] (accepted|proposed)|no proposal yet/);
    await expect(summary.getByTestId("summary-cause").locator("strong")).not.toBeEmpty({ timeout: 30_000 });
    await expect(summary.getByTestId("summary-cause")).toContainText(/score \d\.\d\d/);
    await expect(summary.getByTestId("summary-owners")).toContainText("Finance On-call");
    await expect(summary.getByTestId("summary-owners")).toContainText("Billing Devs");
    await expect(summary.getByTestId("summary-runbook")).toHaveAttribute("href", "https://runbooks.test/billing-lag");
    await expect(summary.getByTestId("summary-alert-source")).toHaveAttribute("href", GENERATOR_URL);
    // the intake moved it to triage, but no person has acted on it yet: not acknowledged (docs/mttx.md)
    await expect(laptop.getByTestId("header-status")).toContainText("Triage");
    await expect(laptop.getByTestId("header-mtta")).toHaveText("—");
    expect(await laptop.evaluate(() => window.scrollY)).toBe(0);
    for (const id of ["summary-severity", "summary-lag", "summary-time-lag", "summary-cause", "summary-owners", "summary-alert-source"]) {
      await expect(summary.getByTestId(id).first(), `${id} above the fold`).toBeInViewport({ ratio: 1 });
    }
    await keepScreenshot(laptop, testInfo, "01-laptop-light");
    await theme(laptop, true);
    await keepScreenshot(laptop, testInfo, "02-laptop-dark");
    await theme(laptop, false);
  });

  await test.step("its lag equals the group page's and its time lag is within one sampling interval of it", async () => {
    const shownLag = await line.getByTestId("summary-lag").textContent();
    const shownTimeLag = Number(await line.getByTestId("summary-time-lag").getAttribute("data-value"));
    const shownAt = Date.now();
    const groupPage = await laptop.context().newPage();
    await groupPage.goto(`/cluster/groups/${group}`);
    // A second page hydrating beside the live incident page takes seconds on a loaded 2-core
    // machine (3 runs out of 3 at load 20-40 rendered its tiles after the default 10 s): wait for it.
    await expect(groupPage.getByTestId("tile-lag")).toContainText(shownLag ?? "?", { timeout: 30_000 });
    const detail = (await (await groupPage.request.get(`/api/cluster/groups/${group}?minutes=15`)).json()) as { group: { totalLag: number; maxTimeLagSeconds: number | null } };
    expect(detail.group.totalLag).toBe(150);
    expect(detail.group.maxTimeLagSeconds).not.toBeNull();
    // The group is stopped, so its time lag grows a second per second: the two readings may differ
    // by one sampling interval plus the time that passed between them (a page load on a busy box).
    const between = (Date.now() - shownAt) / 1000;
    expect(Math.abs(detail.group.maxTimeLagSeconds! - shownTimeLag)).toBeLessThanOrEqual(SAMPLING_INTERVAL_SECONDS + between);
  });

  await test.step("on a 390 px phone the same summary fits the width", async () => {
    const phone = await pageAs(browser, "commander", { width: 390, height: 844 });
    await phone.goto(`/incidents/${incidentId}`);
    await expect(phone.getByTestId("commander-summary").getByTestId("summary-lag")).toHaveAttribute("data-value", "150", { timeout: 30_000 });
    const widths = await phone.evaluate(() => ({ scroll: document.scrollingElement?.scrollWidth ?? 0, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await keepScreenshot(phone, testInfo, "03-phone-light");
    await theme(phone, true);
    await keepScreenshot(phone, testInfo, "04-phone-dark");
  });

  await test.step("a person acting acknowledges it (MTTA from the log); 'Not an incident…' closes it as a false alarm", async () => {
    await theme(laptop, false);
    await laptop.getByTestId("take-command").click();
    await expect(laptop.getByTestId("commander")).not.toHaveText("nobody");
    await expect(laptop.getByTestId("header-mtta")).not.toHaveText("—");
    const { entries } = (await (await laptop.request.get(`/api/incidents/${incidentId}`)).json()) as { entries: { kind: string; createdAt: string; author: { kind: string }; payload: Record<string, unknown> }[] };
    const detected = Date.parse(entries.find((e) => e.kind === "incident-opened")!.payload.detectedAt as string);
    const acknowledged = Date.parse(entries.find((e) => e.author.kind === "user")!.createdAt);
    const seconds = Math.round((acknowledged - detected) / 1000);
    // the header's MTTA is the log's: detection (the alert's arrival) → the first person's entry
    await expect(laptop.getByTestId("header-mtta")).toHaveText(seconds === 0 ? "0 s" : seconds < 90 ? `${seconds} s` : /min/);
    await laptop.getByTestId("false-alarm-open").click();
    await laptop.getByTestId("false-alarm-reason").fill("the lag alert fired on a drill topic left behind");
    await laptop.getByTestId("false-alarm-confirm").click();
    await expect(laptop.getByTestId("false-alarm")).toContainText("the lag alert fired on a drill topic left behind");
    await expect(laptop.getByTestId("header-status")).toContainText("Closed");
  });
});
