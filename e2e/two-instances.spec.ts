import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { down as pgDown, pgSettings, up as pgUp } from "../scripts/pg/local-pg.mjs";
import { portOf } from "../scripts/lib/ports.mjs";
import { ServerProcess } from "../tests/support/server-process";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { PASSWORD, USERS } from "./support/users";

const E2E_PORT = portOf("E2E_PORT", 3100);

/**
 * Two production instances on one local PostgreSQL (issue 19): a commander's browser on
 * instance A and a responder's on instance B work one incident. Each sees the other's
 * annotations live (LISTEN/NOTIFY between the instances) and the other among the viewers
 * (presence through the database).
 */
test.describe("two browsers on two instances", () => {
  // a PostgreSQL database migrated and two production servers started before the browsers
  test.describe.configure({ timeout: 240_000 });
  let pgStartedHere = false;
  const env = () => ({ KAFKA_BROKERS: testBrokers().join(","), RIPCORD_TEST_DATABASE: "postgresql" });
  let a: ServerProcess;
  let b: ServerProcess;

  test.beforeAll(async () => {
    pgStartedHere = (await pgUp(pgSettings(), () => {})).started;
    const previous = process.env.RIPCORD_TEST_DATABASE;
    process.env.RIPCORD_TEST_DATABASE = "postgresql";
    a = new ServerProcess(E2E_PORT + 60, { name: "e2e-two-instances", env: env() });
    b = new ServerProcess(E2E_PORT + 61, { name: "e2e-two-instances", env: { ...env(), DATABASE_URL: a.databaseUrl } });
    a.freshDatabase();
    process.env.RIPCORD_TEST_DATABASE = previous;
    await Promise.all([a.start(), b.start()]);
  });

  test.afterAll(async () => {
    await b?.cleanup();
    await a?.cleanup();
    if (pgStartedHere && !process.env.KEEP_PG) await pgDown(pgSettings(), {}, () => {});
  });

  async function signedIn(browser: Browser, server: ServerProcess, email: string): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: server.url });
    const login = await context.request.post("/api/auth/login", { data: { email, password: PASSWORD } });
    expect(login.status()).toBe(200);
    return context;
  }

  test("a commander on A and a responder on B see each other's notes and each other", async ({ browser }, testInfo) => {
    const setup = await browser.newContext({ baseURL: a.url });
    expect((await setup.request.post("/api/auth/setup", { data: { ...USERS.admin, password: PASSWORD } })).status()).toBe(201);
    for (const role of ["commander", "responder"] as const) {
      expect((await setup.request.post("/api/users", { data: { ...USERS[role], password: PASSWORD, role } })).status()).toBe(201);
    }
    await setup.close();

    const commander = await signedIn(browser, a, USERS.commander.email);
    const responder = await signedIn(browser, b, USERS.responder.email);
    try {
      const opened = await commander.request.post("/api/incidents", { data: { title: "Orders lag on two instances", scope: { topics: ["orders"], groups: ["billing"], services: ["orders"] } } });
      expect(opened.status()).toBe(201);
      const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

      const pageA = await commander.newPage();
      const pageB = await responder.newPage();
      await test.step("both open the incident, each on its own instance", async () => {
        await pageA.goto(`/incidents/${incidentId}`);
        await pageB.goto(`/incidents/${incidentId}`);
        await expect(pageA.getByTestId("stream-status")).toHaveText(/live/);
        await expect(pageB.getByTestId("stream-status")).toHaveText(/live/);
      });

      await test.step("each sees the other among the viewers", async () => {
        await expect(pageA.locator(`[data-testid="presence-avatar"][title^="${USERS.responder.name}"]`)).toBeVisible();
        await expect(pageB.locator(`[data-testid="presence-avatar"][title^="${USERS.commander.name}"]`)).toBeVisible();
      });

      await test.step("the commander's note on A reaches the responder on B within 1 s", async () => {
        await pageA.getByTestId("annotation-body").fill("Commander on A: hold all deploys to billing");
        await pageA.getByTestId("post-annotation").click();
        await expect(pageA.getByTestId("timeline")).toContainText("hold all deploys to billing");
        await expect(pageB.getByTestId("timeline")).toContainText("hold all deploys to billing", { timeout: 1_000 });
      });

      await test.step("the responder's note on B reaches the commander on A within 1 s", async () => {
        await pageB.getByTestId("annotation-body").fill("Responder on B: billing lag flat since 09:14");
        await pageB.getByTestId("post-annotation").click();
        await expect(pageB.getByTestId("timeline")).toContainText("billing lag flat since 09:14");
        await expect(pageA.getByTestId("timeline")).toContainText("billing lag flat since 09:14", { timeout: 1_000 });
      });

      // the same log, in the same order, on both pages
      const seqs = async (page: typeof pageA) => page.getByTestId("timeline-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-seq")));
      await expect.poll(async () => JSON.stringify(await seqs(pageB))).toBe(JSON.stringify(await seqs(pageA)));
      await keepScreenshot(pageA, testInfo, "commander-on-a");
      await keepScreenshot(pageB, testInfo, "responder-on-b");
    } finally {
      await commander.close();
      await responder.close();
    }
  });
});
