import { expect, test, type Browser, type Page } from "@playwright/test";
import { keepScreenshot } from "./support/screenshots";
import { USERS, storageStateFor } from "./support/users";

/**
 * Severity proposed by itself (issue 12): a drill opens an incident on the real local Kafka; with
 * nobody clicking anything, the incident header shows Ripcord's proposed severity and its
 * reasons — the same for the commander and a responder in a second browser — and accepting it
 * is a log entry naming the proposal.
 */
async function pageAs(browser: Browser, role: "admin" | "commander" | "responder"): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  return context.newPage();
}

interface Entry {
  seq: number;
  kind: string;
  author: { kind: string; name: string };
  payload: { level?: string; auto?: boolean; reasons?: { text: string }[]; decision?: string; proposalSeq?: number | null };
}

/** The sampler's cadence on the e2e server (RIPCORD_SAMPLE_INTERVAL_MS default). */
const SAMPLING_INTERVAL_MS = 10_000;

test("a drill's incident shows Ripcord's proposed severity in the header for every participant, with no click; accepting it is logged", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const admin = await pageAs(browser, "admin");
  const commander = await pageAs(browser, "commander");
  const responder = await pageAs(browser, "responder");
  const cluster = ((await (await admin.request.get("/api/settings/clusters")).json()) as { clusters: { cluster: string; configured: boolean }[] }).clusters.find((c) => c.configured)!.cluster;
  let drillId: string | null = null;
  try {
    expect((await admin.request.put(`/api/settings/clusters/${cluster}`, { data: { environment: "non-production" } })).status()).toBe(200);
    const started = await commander.request.post("/api/drills", { data: { scenario: "silent-stop", cluster, durationSeconds: 300, gameDay: false } });
    expect(started.status(), await started.text()).toBe(201);
    const drill = ((await started.json()) as { drill: { id: string; incidentId: string; groups: string[] } }).drill;
    drillId = drill.id;
    const url = `/incidents/${drill.incidentId}`;

    await test.step("the commander and a responder open the incident; the header proposes a severity with its reasons within one sampling interval, nobody asked", async () => {
      await commander.goto(url);
      await responder.goto(url);
      for (const page of [commander, responder]) {
        await expect(page.getByTestId("header-proposal")).toBeVisible({ timeout: SAMPLING_INTERVAL_MS });
        await expect(page.getByTestId("header-proposed-level")).toHaveText(/^SEV-[1-4]$/);
        await expect(page.getByTestId("header-proposal-reasons").locator("li").first()).toBeVisible();
      }
      // the same proposal in both browsers
      // (both read each time: the drill's evidence can move the proposal, say SEV-4 → SEV-3, between two reads)
      const levels = async () => Promise.all([commander, responder].map(async (p) => (await p.getByTestId("header-proposed-level").textContent())?.trim()));
      await expect.poll(async () => { const [a, b] = await levels(); return a === b ? a : `commander ${a} ≠ responder ${b}`; }).toMatch(/^SEV-[1-4]$/);
      await expect(responder.getByTestId("header-accept")).toHaveCount(0); // a responder sees it, only a commander decides
      // Ripcord made it, from the evidence: no person's request is in the log before it
      const { entries } = (await (await commander.request.get(`/api/incidents/${drill.incidentId}`)).json()) as { entries: Entry[] };
      const first = entries.find((e) => e.kind === "severity-proposed")!;
      expect(first).toMatchObject({ author: { kind: "system", name: "Ripcord" }, payload: { auto: true } });
      expect(first.payload.reasons?.length).toBeGreaterThan(0);
      await keepScreenshot(commander, testInfo, "01-proposed-by-itself-commander");
      await keepScreenshot(responder, testInfo, "02-proposed-by-itself-responder");
    });

    await test.step("the commander accepts it in the header; the responder sees the decision live; the log records it against the proposal", async () => {
      const accepted = commander.waitForResponse((r) => r.url().endsWith(`/api/incidents/${drill.incidentId}/severity`) && r.request().method() === "POST");
      await commander.getByTestId("header-accept").click();
      const response = await accepted;
      expect(response.status(), await response.text()).toBe(201);
      const entry = ((await response.json()) as { entry: Entry }).entry;
      // the level the header offered when it was clicked (the evidence may move on meanwhile)
      const level = (entry.payload.level ?? "").replace("SEV", "SEV-");
      expect(entry).toMatchObject({ kind: "severity-set", author: { kind: "user", name: USERS.commander.name }, payload: { decision: "accepted" } });
      const { entries } = (await (await commander.request.get(`/api/incidents/${drill.incidentId}`)).json()) as { entries: Entry[] };
      const proposal = entries.find((e) => e.seq === entry.payload.proposalSeq);
      expect(proposal).toMatchObject({ kind: "severity-proposed", author: { kind: "system" }, payload: { level: level.replace("SEV-", "SEV") } });
      await expect(commander.getByTestId("header-severity")).toHaveText(level);
      await expect(responder.getByTestId("header-severity")).toHaveText(level);
      await keepScreenshot(responder, testInfo, "03-accepted-seen-by-responder");
    });

    await test.step("the responder records a deploy from the incident page; the commander's timeline shows it live", async () => {
      const description = `payments-api v3.1 rolled out (${Date.now().toString(36)})`;
      await responder.getByTestId("record-event").locator("summary").click();
      await responder.getByTestId("event-type").selectOption("deploy");
      await responder.getByTestId("event-description").fill(description);
      await responder.getByTestId("event-service").fill("payments-api");
      const posted = responder.waitForResponse((r) => r.url().endsWith("/api/events") && r.request().method() === "POST");
      await responder.getByTestId("event-record").click();
      expect((await posted).status()).toBe(201);
      await expect(commander.getByTestId("timeline")).toContainText(description);
      await keepScreenshot(commander, testInfo, "04-deploy-recorded-from-the-page");
    });
  } finally {
    if (drillId) await commander.request.post(`/api/drills/${drillId}/stop`).catch(() => undefined);
  }
});
