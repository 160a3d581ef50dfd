import { randomBytes } from "node:crypto";
import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { createLaggingGroup } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { USERS, storageStateFor } from "./support/users";

/** A topic with 200 records and a group that committed only 50 of them: a lagging consumer group with no consumer. */
async function laggingGroup(): Promise<{ topic: string; group: string }> {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const topic = `e2e-orders-${suffix}`;
  const group = `e2e-billing-${suffix}`;
  return createLaggingGroup({ topic, group, records: 200, committed: 50 });
}

async function pageAs(browser: Browser, role: "commander" | "responder" | "viewer"): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  return context.newPage();
}

test("three people command, annotate and watch one incident live", async ({ browser }, testInfo) => {
  // the severity step waits for the evidence sampler (10 s cadence) to watch the offsets stay frozen
  test.setTimeout(180_000);
  const { topic, group } = await laggingGroup();
  const commander = await pageAs(browser, "commander");
  const responder = await pageAs(browser, "responder");
  const viewer = await pageAs(browser, "viewer");
  let incidentUrl = "";
  /** just after the incident opened (its "detected" key time is a moment before) */
  let openedAt = 0;

  await test.step("the commander opens an incident for the lagging group", async () => {
    await commander.goto("/incidents");
    await commander.getByTestId("new-incident").click();
    await commander.getByTestId("incident-title").fill(`Billing lag on ${group}`);
    await commander.getByTestId("incident-groups").fill(group);
    await commander.getByTestId("incident-topics").fill(topic);
    await commander.getByTestId("open-incident").click();
    await commander.waitForURL((url) => /^\/incidents\/(?!new$)[^/]+$/.test(url.pathname));
    incidentUrl = new URL(commander.url()).pathname;
    openedAt = Date.now();
    await expect(commander.getByTestId("commander")).toHaveText(USERS.commander.name);
    await expect(commander.getByTestId("header-status")).toHaveText(/detection/i);
    await expect(commander.getByTestId("stream-status")).toContainText("live");
  });

  await test.step("the responder and the viewer open it too; presence shows all three", async () => {
    await responder.goto(incidentUrl);
    await viewer.goto(incidentUrl);
    // Presence counts a page once its live stream is connected, after hydration (seconds on a
    // loaded 2-core machine): wait for each page's own stream before counting.
    for (const page of [responder, viewer]) await expect(page.getByTestId("stream-status")).toContainText("live", { timeout: 30_000 });
    await expect(commander.getByTestId("presence-avatar")).toHaveCount(3);
    await keepScreenshot(commander, testInfo, "01-opened-with-presence");
  });

  await test.step("Ripcord proposes a severity from the live lag by itself; the commander accepts it in the header", async () => {
    // No click: the proposal comes from the evidence sampler's history of the group. Once the
    // sampler has watched the offsets stay frozen, the reason names the stopped backlog.
    const reasons = commander.getByTestId("header-proposal-reasons");
    await expect(reasons).toContainText(`${group}: backlog of 150 records, consumption stopped`, { timeout: 60_000 });
    const level = ((await commander.getByTestId("header-proposed-level").textContent()) ?? "").trim();
    expect(level).toMatch(/^SEV-[1-4]$/);
    await expect(viewer.getByTestId("header-proposed-level")).toHaveText(level);
    await expect(viewer.getByTestId("header-accept")).toHaveCount(0);
    await keepScreenshot(commander, testInfo, "02-proposal");
    await commander.getByTestId("header-accept").click();
    await expect(commander.getByTestId("header-severity")).toHaveText(level);
    await expect(viewer.getByTestId("header-severity")).toHaveText(level);
    await expect(commander.getByTestId("proposal-agrees")).toBeVisible();
    await commander.getByTestId("tab-severity").click();
    await expect(commander.getByTestId("current-severity")).toHaveText(level);
    await expect(commander.getByTestId("severity-answers")).toContainText("Is the backlog growing faster than the platform can drain it?");
  });

  await test.step("the responder's annotation reaches the commander's timeline live, without reload (fan-out time recorded)", async () => {
    await commander.getByTestId("tab-timeline").click();
    // A reload or navigation would drop this mark: it proves the entry arrived live.
    for (const page of [commander, viewer]) await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const text = `Lag started at 09:12 on ${topic}-0 (${randomBytes(4).toString("hex")})`;
    await responder.getByTestId("annotation-kind").selectOption("observation");
    await responder.getByTestId("annotation-body").fill(`${text}\n\n**bold** and <script>alert(1)</script>`);
    const started = Date.now();
    const posted = responder.waitForResponse((r) => r.url().endsWith("/annotations") && r.request().method() === "POST");
    await responder.getByTestId("post-annotation").click();
    expect((await posted).status()).toBe(201);
    // The fan-out: from the write being acknowledged (durable) to the commander
    // seeing it. The click-to-visible time also holds the write itself, which on a loaded shared
    // 2-core machine can take longer; it is recorded next to it.
    const acknowledged = Date.now();
    // No timed assertion (a loaded shared machine stretches any bound): that it arrives live, in
    // the same document, is asserted; how fast is the figure recorded next to it (and bench:collab).
    await expect(commander.getByTestId("timeline").getByText(text)).toBeVisible();
    const fanOut = Date.now() - acknowledged;
    testInfo.annotations.push({ type: "fan-out", description: `annotation visible to the commander ${fanOut} ms after the write was acknowledged (${Date.now() - started} ms after the click)` });
    // Markdown rendered, raw HTML not executed nor rendered as an element
    await expect(commander.getByTestId("timeline").locator("strong", { hasText: "bold" })).toBeVisible();
    expect(await commander.getByTestId("timeline").locator("script").count()).toBe(0);
    await keepScreenshot(commander, testInfo, "03-commander-timeline");

    await expect(viewer.getByTestId("timeline").getByText(text)).toBeVisible();
    for (const page of [commander, viewer]) expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  await test.step("a deploy posted through the events API is drawn on the incident's evidence charts, next to the lag", async () => {
    const lagChart = commander.getByTestId("evidence-charts").getByTestId("chart-lag");
    await expect(lagChart).toBeVisible({ timeout: 30_000 });
    await expect.poll(async () => Number(await lagChart.getAttribute("data-points")), { timeout: 30_000 }).toBeGreaterThan(0);
    const markersBefore = Number(await lagChart.getAttribute("data-markers"));
    const description = `billing-sink v2.4.1 rolled out (${randomBytes(3).toString("hex")})`;
    const posted = await responder.request.post("/api/events", { data: { type: "deploy", description, service: "billing-sink", groups: [group], topics: [] } });
    expect(posted.status(), await posted.text()).toBe(201);
    expect(((await posted.json()) as { attachedTo: { incidentId: string }[] }).attachedTo.map((a) => a.incidentId)).toContain(incidentUrl.split("/").pop());
    await expect(lagChart).toHaveAttribute("data-markers", String(markersBefore + 1), { timeout: 5_000 });
    await expect(commander.getByTestId("evidence-charts").getByRole("list", { name: "Chart markers" })).toContainText(`deploy ${description}`);
    await expect(viewer.getByTestId("evidence-charts").getByTestId("chart-lag")).toHaveAttribute("data-markers", String(markersBefore + 1), { timeout: 5_000 });
    await keepScreenshot(commander, testInfo, "03b-deploy-marker-on-charts");
  });

  await test.step("the viewer has no way to post, and a direct POST with the viewer's cookie is refused", async () => {
    await expect(viewer.getByTestId("annotation-composer")).toHaveCount(0);
    await expect(viewer.getByTestId("read-only-note")).toBeVisible();
    await expect(viewer.getByTestId("run-classifier")).toHaveCount(0);
    const id = incidentUrl.split("/").pop();
    const refused = await viewer.context().request.post(`/api/incidents/${id}/annotations`, { data: { annotationKind: "observation", body: "sneaky" } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("FORBIDDEN");
    await keepScreenshot(viewer, testInfo, "04-viewer-read-only");
  });

  await test.step("the incident list shows it open, with its severity", async () => {
    await viewer.goto("/incidents");
    await expect(viewer.getByTestId("incident-list")).toContainText(`Billing lag on ${group}`);
    await keepScreenshot(viewer, testInfo, "05-list");
  });

  await test.step("the commander records when impact started; the detection gap follows", async () => {
    await commander.getByTestId("edit-keytime-impactStart").click();
    // ten minutes before now, as a datetime-local value in the browser's zone
    const value = await commander.evaluate(() => {
      const d = new Date(Date.now() - 10 * 60_000);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await commander.getByTestId("keytime-input").fill(value);
    await commander.getByTestId("keytime-save").click();
    // The gap is from impact start (now − 10 min, to the minute) to detection (when the incident
    // opened, some minutes ago on a loaded machine): derived from the times, not assumed fast.
    const impactAt = await commander.evaluate((v) => new Date(v).getTime(), value);
    const minutes = (openedAt - impactAt) / 60_000;
    const plausible = [Math.floor(minutes) - 1, Math.floor(minutes), Math.ceil(minutes)].filter((m) => m >= 0);
    await expect(commander.getByTestId("detection-gap")).toContainText(new RegExp(`detected (${plausible.join("|")}) min after impact started`));
  });

  await test.step("dark theme: the commander's severity decision and timeline read as well as in light", async () => {
    await commander.emulateMedia({ colorScheme: "dark" });
    await commander.evaluate(() => document.documentElement.classList.add("dark"));
    await commander.getByTestId("tab-severity").click();
    await commander.evaluate(() => window.scrollTo(0, 0));
    await keepScreenshot(commander, testInfo, "06-severity-dark");
    await commander.getByTestId("tab-timeline").click();
    await commander.evaluate(() => window.scrollTo(0, 0));
    await keepScreenshot(commander, testInfo, "07-timeline-dark");
  });
});
