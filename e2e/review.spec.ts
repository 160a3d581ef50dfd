import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { expect, test } from "./support/test";
import { createLaggingGroup } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { storageStateFor } from "./support/users";

/** A topic with 300 records and a group that committed 100 of them: a lagging group with no consumer. */
async function laggingGroup(): Promise<{ topic: string; group: string }> {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const topic = `e2e-review-orders-${suffix}`;
  const group = `e2e-review-billing-${suffix}`;
  return createLaggingGroup({ topic, group, records: 300, committed: 100 });
}

async function ok<T>(res: Promise<APIResponse>, what: string): Promise<T> {
  const r = await res;
  if (!r.ok()) throw new Error(`${what} failed: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

const ROOT_CAUSE_NOTE = "billing v2.3 changed the deserializer; every record after offset 100 failed";
const PINNED = "committed offset frozen at 100 since the deploy";
const ACTION = "Schema gate on the billing topic in CI";

/** The commander sets up a resolved incident with a published review, all through the API. */
async function publishedReview(api: APIRequestContext, topic: string, group: string): Promise<string> {
  await ok(api.get("/api/cluster"), "reading the cluster (starts evidence sampling)");
  const { incident } = await ok<{ incident: { id: string } }>(
    api.post("/api/incidents", { data: { title: `Billing stopped on ${group}`, scope: { topics: [topic], groups: [group], services: ["billing"] }, impactStartedAt: new Date(Date.now() - 3 * 60_000).toISOString() } }),
    "opening the incident",
  );
  const id = incident.id;
  await ok(api.post("/api/events", { data: { type: "deploy", description: "billing v2.3", groups: [group], topics: [topic] } }), "posting the deploy");
  const note = await ok<{ entry: { id: string } }>(api.post(`/api/incidents/${id}/annotations`, { data: { annotationKind: "observation", body: PINNED } }), "annotating");
  await ok(api.post(`/api/incidents/${id}/annotations`, { data: { annotationKind: "hypothesis", body: "unpinned hypothesis about the broker" } }), "annotating");
  await ok(api.post(`/api/incidents/${id}/pins`, { data: { entryId: note.entry.id } }), "pinning");
  await ok(api.post(`/api/incidents/${id}/severity`, { data: { decision: "overridden", level: "SEV2", rationale: "billing freshness breached" } }), "setting severity");
  await ok(api.post(`/api/incidents/${id}/tree/marks`, { data: { leafId: "change.bad-deploy", mark: "confirmed", note: ROOT_CAUSE_NOTE } }), "confirming the root cause");
  for (const to of ["triage", "resolution", "review"]) {
    await ok(api.post(`/api/incidents/${id}/status`, { data: { to, ...(to === "resolution" ? { verificationOverride: "the group is a fixture with no consumer; the review test resolves it" } : {}) } }), `status ${to}`);
  }
  const saved = await ok<{ review: { version: number } }>(
    api.put(`/api/incidents/${id}/review`, {
      data: {
        version: 0,
        content: {
          summary: "Billing stopped consuming after the v2.3 deploy; invoices were late by several minutes.",
          contributingFactors: [
            { category: "technical", text: "No schema compatibility check between producer and consumer" },
            { category: "process", text: "Deploy checklist has no consumer-lag watch step" },
            { category: "organizational", text: "Schema ownership split across two teams" },
          ],
          fiveWhys: [
            { question: "Why was billing late?", answer: "The consumer stopped committing." },
            { question: "Why did it stop?", answer: "Every record failed to deserialize." },
          ],
          controlLoops: ["schema-compatibility", "deployment-safety"],
          wentWell: ["The lag alert fired within two minutes"],
          wentBadly: ["Finding the deploy took a while"],
        },
      },
    }),
    "saving the review",
  );
  await ok(api.post(`/api/incidents/${id}/review/action-items`, { data: { title: ACTION, type: "prevent", owner: "Payments platform", dueDate: "2031-03-31", control: "schema-gate" } }), "adding an action item");
  await ok(api.post(`/api/incidents/${id}/review/action-items`, { data: { title: "Freshness SLO alert for billing", type: "detect", owner: "SRE", dueDate: "2031-02-28", control: "freshness-slo" } }), "adding an action item");
  // Wait until the sampler has stored a few samples of the window, so the frozen review has charts.
  await expect
    .poll(async () => (await ok<{ document: { charts: { series: { lag: number | null }[] } } }>(api.get(`/api/incidents/${id}/review`), "reading the review")).document.charts.series.filter((p) => p.lag !== null).length, { timeout: 60_000, intervals: [2_000] })
    .toBeGreaterThanOrEqual(3);
  await ok(api.post(`/api/incidents/${id}/review/state`, { data: { to: "in-review", version: saved.review.version } }), "sending for review");
  await ok(api.post(`/api/incidents/${id}/review/state`, { data: { to: "published", version: saved.review.version + 1 } }), "publishing");
  return id;
}

test("a viewer opens a published review with its charts, cannot edit it, and downloads the Markdown", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(150_000);
  const { topic, group } = await laggingGroup();
  const api = await request.newContext({ baseURL, storageState: storageStateFor("commander") });
  const id = await publishedReview(api, topic, group);
  await api.dispose();

  const context = await browser.newContext({ storageState: storageStateFor("viewer"), acceptDownloads: true });
  const page = await context.newPage();

  await test.step("the published review shows its impact, charts, timeline, root cause and action items", async () => {
    await page.goto(`/incidents/${id}/review`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Billing stopped on ${group}`);
    await expect(page.getByTestId("review-state")).toHaveText("Published");
    await expect(page.getByTestId("chart-lag").locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("chart-rates").locator("svg.recharts-surface").first()).toBeVisible();
    expect(Number(await page.getByTestId("chart-lag").getAttribute("data-points"))).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId("review-impact")).toContainText(group);
    await expect(page.getByTestId("review-timeline")).toContainText(PINNED);
    await expect(page.getByTestId("review-timeline")).not.toContainText("unpinned hypothesis");
    await expect(page.getByTestId("review-timeline")).toContainText("Severity set to SEV2");
    await expect(page.getByTestId("review-root-cause")).toContainText("Bad deploy");
    await expect(page.getByTestId("review-root-cause")).toContainText(ROOT_CAUSE_NOTE);
    await expect(page.getByTestId("action-items")).toContainText(ACTION);
    await keepScreenshot(page, testInfo, "published-review-light");
  });

  await test.step("the viewer finds no way to edit it", async () => {
    await expect(page.getByTestId("review-editor")).toHaveCount(0);
    await expect(page.getByTestId("review-state-controls")).toHaveCount(0);
    await expect(page.getByTestId("action-item-form")).toHaveCount(0);
    await expect(page.getByTestId("pin-list")).toHaveCount(0);
    await expect(page.locator("main textarea, main input, main select")).toHaveCount(0);
    await expect(page.locator("main button")).toHaveText(["Print"]);
  });

  await test.step("the Markdown download carries the timeline excerpt, the root cause and the action items", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-markdown").click()]);
    expect(download.suggestedFilename()).toMatch(/^review-billing-stopped-on-.+\.md$/);
    const file = testInfo.outputPath("review.md");
    await download.saveAs(file);
    const md = fs.readFileSync(file, "utf8");
    expect(md).toContain("## Timeline");
    expect(md).toContain(PINNED);
    expect(md).toContain("Status Resolution → Review");
    expect(md).not.toContain("unpinned hypothesis");
    expect(md).toContain("## Root cause");
    expect(md).toContain("**Bad deploy** (Recent changes; tree node `change.bad-deploy`)");
    expect(md).toContain(ROOT_CAUSE_NOTE);
    expect(md).toContain("## Action items");
    expect(md).toContain(`| ${ACTION} | Prevent | Payments platform | 2031-03-31 | Open |`);
    expect(md).toContain("| Freshness SLO alert for billing | Detect | SRE | 2031-02-28 | Open |");
  });

  await test.step("dark theme and print stay readable", async () => {
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await keepScreenshot(page, testInfo, "published-review-dark");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("review-actions")).toBeHidden();
    await expect(page.locator("header.no-print")).toBeHidden();
    await expect(page.getByTestId("chart-lag")).toBeVisible();
    await keepScreenshot(page, testInfo, "published-review-print");
    await page.emulateMedia({ media: "screen" });
  });

  await test.step("the manager's dashboard lists the review", async () => {
    await page.evaluate(() => document.documentElement.classList.remove("dark"));
    await page.goto("/reviews");
    await expect(page.getByTestId("mttx-summary")).toBeVisible();
    await expect(page.getByTestId("reviews-list")).toContainText(`Billing stopped on ${group}`);
    await expect(page.getByTestId("chart-severity").locator("svg.recharts-surface").first()).toBeVisible();
    await keepScreenshot(page, testInfo, "reviews-dashboard");
  });
  await context.close();
});
