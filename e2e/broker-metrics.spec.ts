import { randomBytes } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import type { Browser, BrowserContext } from "@playwright/test";
import { expect, test } from "./support/test";
import { portOf } from "../scripts/lib/ports.mjs";
import { ServerProcess } from "../tests/support/server-process";
import { testPrometheus } from "../tests/integration/metrics/prometheus";
import { testBrokers } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { PASSWORD, USERS, storageStateFor } from "./support/users";

const E2E_PORT = portOf("E2E_PORT", 3100);

/** A topic with a producer writing to it for `ms` (the broker's produce latency has something to measure). */
async function produceFor(ms: number): Promise<{ topic: string; group: string; done: Promise<void> }> {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const topic = `e2e-broker-${suffix}`;
  const group = `e2e-broker-g-${suffix}`;
  const kafka = new Kafka({ clientId: "ripcord-e2e-broker-metrics", brokers: testBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  await admin.setOffsets({ groupId: group, topic, partitions: [0, 1].map((partition) => ({ partition, offset: "0" })) });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const done = (async () => {
    const until = Date.now() + ms;
    for (let i = 0; Date.now() < until; i++) {
      await producer.send({ topic, messages: Array.from({ length: 20 }, (_, j) => ({ partition: j % 2, value: `payment ${i}-${j}` })) });
      await new Promise((r) => setTimeout(r, 100));
    }
    await producer.disconnect();
  })();
  return { topic, group, done };
}

/**
 * Issue 16: a second production server reading a real Prometheus that scrapes the run's brokers
 * (the JMX exporter agent of the local harness): the incident page draws broker latency beside
 * storage and network for the incident window, the Cluster page for the last 30 minutes.
 */
test.describe("with Prometheus", () => {
  const prometheus = testPrometheus("e2e", 9088, testBrokers().join(","));
  const server = new ServerProcess(E2E_PORT + 60, {
    name: "e2e-prometheus",
    env: { PROMETHEUS_URL: prometheus.url, PROMETHEUS_RATE_WINDOW: prometheus.rateWindow, KAFKA_CONNECT_TIMEOUT_MS: "2000" },
  });

  test.beforeAll(async () => {
    await prometheus.start();
    server.freshDatabase();
    await server.start();
    const setup = await fetch(`${server.url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...USERS.admin, password: PASSWORD }) });
    expect(setup.status).toBe(201);
  });
  /** A browser context of the second server, signed in as its admin. */
  async function signedIn(browser: Browser): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: server.url });
    expect((await context.request.post("/api/auth/login", { data: { email: USERS.admin.email, password: PASSWORD } })).status()).toBe(200);
    return context;
  }
  test.afterAll(async () => {
    await server.cleanup();
    await prometheus.stop();
  });

  test("the incident page draws broker latency for the incident window; the Cluster page too", async ({ browser }, testInfo) => {
    // waits, not speed: on the shared 2-core box (load ~20 during builds) this page took 35 s to hydrate
    test.setTimeout(240_000);
    const context = await signedIn(browser);
    try {
      const load = await produceFor(20_000);
      const opened = await context.request.post("/api/incidents", { data: { title: `Payments slow on ${load.topic}`, scope: { topics: [load.topic], groups: [load.group], services: [] } } });
      expect(opened.status()).toBe(201);
      const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

      const page = await context.newPage();
      await page.goto(`/incidents/${incidentId}`);
      const panel = page.getByTestId("incident-broker-charts");
      await expect(panel).toHaveAttribute("data-state", "ok", { timeout: 60_000 });
      await expect(panel).toHaveAttribute("data-source", "prometheus");
      const latency = page.getByTestId("incident-broker-charts-latency");
      // points of the incident window (and its lead-in) drawn as lines, refreshed as scrapes arrive
      await expect.poll(async () => Number(await latency.getAttribute("data-points")), { timeout: 60_000 }).toBeGreaterThan(2);
      await expect(latency.locator(".recharts-line path").first()).toBeVisible();
      await expect(page.getByTestId("incident-broker-charts-network").locator(".recharts-line path").first()).toBeVisible();
      await expect(latency).toContainText("produce p99");
      await expect(latency).toContainText("log append p99");
      // the API's window is the incident's, after a 5 min lead-in
      const view = (await (await context.request.get(`/api/incidents/${incidentId}/broker-charts`)).json()) as { window: { from: number; to: number }; incidentWindow: { from: number }; points: { at: number; produceP99Ms: number | null }[] };
      expect(view.window.from).toBe(view.incidentWindow.from - 5 * 60_000);
      expect(view.points.some((p) => p.at >= view.incidentWindow.from && typeof p.produceP99Ms === "number")).toBe(true);
      await keepScreenshot(page, testInfo, "incident-broker-latency");

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cluster", exact: true }).click();
      const cluster = page.getByTestId("cluster-broker-charts");
      await expect(cluster).toHaveAttribute("data-state", "ok", { timeout: 60_000 });
      await expect.poll(async () => Number(await page.getByTestId("cluster-broker-charts-latency").getAttribute("data-points")), { timeout: 60_000 }).toBeGreaterThan(2);
      await page.getByTestId("broker-charts-panel").scrollIntoViewIfNeeded();
      await keepScreenshot(page, testInfo, "cluster-broker-latency");
      await load.done;
    } finally {
      await context.close();
    }
  });

  // Last in this describe: it stops the describe's Prometheus (afterAll's stop is then a no-op).
  test("with Prometheus stopped mid-incident, the pages say so with the age of the last reading, never a 5xx, and the Kafka evidence keeps coming", async ({ browser }, testInfo) => {
    // waits, not speed: the shared 2-core box (see above)
    test.setTimeout(300_000);
    const context = await signedIn(browser);
    try {
      const load = await produceFor(90_000);
      const opened = await context.request.post("/api/incidents", { data: { title: `Payments slow on ${load.topic} (Prometheus goes away)`, scope: { topics: [load.topic], groups: [load.group], services: [] } } });
      expect(opened.status()).toBe(201);
      const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;
      const page = await context.newPage();
      const serverErrors: string[] = [];
      page.on("response", (r) => {
        if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
      });
      await page.goto(`/incidents/${incidentId}`);
      const panel = page.getByTestId("incident-broker-charts");
      await expect(panel).toHaveAttribute("data-state", "ok", { timeout: 60_000 });
      // the sampler has stored broker readings with its Kafka samples before Prometheus goes
      type Diagnosis = { evidence: { takenAt: string | null; samples: number }; verdicts: { checkId: string; reason: string }[] };
      const diagnosis = async (): Promise<Diagnosis> => {
        const res = await context.request.get(`/api/incidents/${incidentId}/diagnosis`);
        expect(res.status(), await res.text()).toBe(200);
        return (await res.json()) as Diagnosis;
      };
      const brokerReasons = (d: Diagnosis) => d.verdicts.filter((x) => /^broker\.(request-latency|handler-idle)$/.test(x.checkId)).map((x) => x.reason);
      await expect.poll(async () => brokerReasons(await diagnosis()).some((r) => /^(request latency|threads mostly idle|broker \d+:)/.test(r)), { timeout: 90_000 }).toBe(true);

      await prometheus.stop();
      const stoppedAt = Date.now();

      // The incident page: the charts say Prometheus does not answer and how old the stored readings they show are.
      const unavailable = page.getByTestId("incident-broker-charts-unavailable");
      await expect(unavailable).toBeVisible({ timeout: 90_000 });
      await expect(panel).toHaveAttribute("data-state", "unavailable");
      await expect(panel).toHaveAttribute("data-source", "stored");
      await expect(unavailable).toHaveText(/^Prometheus does not answer \(.*Prometheus.*\): showing the readings Ripcord stored with its evidence samples, newest \d\d:\d\d:\d\d UTC \((\d+ s|\d+ min( \d\d s)?) old\)\.$/);
      await expect(page.getByTestId("incident-broker-charts-latency").locator(".recharts-line path").first()).toBeVisible();
      const charts = await context.request.get(`/api/incidents/${incidentId}/broker-charts`);
      expect(charts.status()).toBe(200);
      expect(await charts.json()).toMatchObject({ state: "unavailable", source: "stored" });

      // The diagnosis: Kafka evidence sampled after the stop, the broker verdicts saying whose figures they are and how old.
      let after: Diagnosis | null = null;
      await expect
        .poll(async () => {
          after = await diagnosis();
          return after.evidence.takenAt !== null && Date.parse(after.evidence.takenAt) > stoppedAt && brokerReasons(after).length > 0 && brokerReasons(after).every((r) => / \(Prometheus unavailable \(.+\): figures from its last answer at \d\d:\d\d:\d\d UTC, \S+ (s|min)( \d\d s)? before the newest sample\)$/.test(r));
        }, { timeout: 90_000 })
        .toBe(true);
      const samplesAtStop = after!.evidence.samples;
      // and it keeps coming: a later Kafka sample, Prometheus still gone
      await expect.poll(async () => (await diagnosis()).evidence.samples, { timeout: 90_000 }).toBeGreaterThan(samplesAtStop);

      // The root-cause tree says it on the broker overload leaf.
      await page.goto(`/incidents/${incidentId}?tab=root-cause&node=broker.overload`);
      const detail = page.getByTestId("tree-detail");
      await expect(detail.getByRole("heading", { level: 2 })).toHaveText("Broker overload", { timeout: 60_000 });
      await expect(detail).toContainText("Prometheus unavailable (");
      await expect(detail).toContainText("figures from its last answer at");
      await keepScreenshot(page, testInfo, "tree-prometheus-stopped");
      await page.goto(`/incidents/${incidentId}`);
      await expect(page.getByTestId("incident-broker-charts-unavailable")).toBeVisible({ timeout: 60_000 });
      await keepScreenshot(page, testInfo, "incident-prometheus-stopped");
      // the Cluster page says so too
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cluster", exact: true }).click();
      await expect(page.getByTestId("cluster-broker-charts-unavailable")).toBeVisible({ timeout: 60_000 });
      expect(serverErrors).toEqual([]);
      await load.done;
    } finally {
      await context.close();
    }
  });
});

/** The run's own server has no PROMETHEUS_URL (scripts/e2e-server.mjs). */
test("without Prometheus, the tree's broker leaves say what is not visible and how to make it visible", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ storageState: storageStateFor("commander") });
  try {
    const page = await context.newPage();
    const opened = await page.request.post("/api/incidents", { data: { title: "Brokers feel slow", scope: { topics: [], groups: [], services: [] } } });
    expect(opened.status()).toBe(201);
    const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

    const api = await page.request.get(`/api/incidents/${incidentId}/broker-charts`);
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ state: "not-configured", source: "none", points: [] });
    await page.goto(`/incidents/${incidentId}`);
    // generous: on the shared 2-core box (load 12–20) the page took 10–35 s to render its queries
    await expect(page.getByTestId("incident-broker-charts-not-configured")).toContainText("Broker metrics not visible: Ripcord reads them from Prometheus (PROMETHEUS_URL)", { timeout: 60_000 });

    await page.goto(`/incidents/${incidentId}?tab=root-cause&node=broker.overload`);
    const tree = page.getByRole("tree", { name: "Root-cause tree" });
    await expect(tree).toBeVisible();
    // the overload leaf has nothing but broker metrics: its line says they are not visible
    await expect(page.locator("#tree-broker\\.overload-desc")).toContainText("unknown — broker metrics not visible: Ripcord reads this from Prometheus (PROMETHEUS_URL)", { timeout: 60_000 });
    const detail = page.getByTestId("tree-detail");
    await expect(detail.getByRole("heading", { level: 2 })).toHaveText("Broker overload");
    await expect(detail).toContainText("set it to a Prometheus that scrapes the brokers' JMX exporter (locally: npm run metrics:up)");
    await keepScreenshot(page, testInfo, "tree-broker-not-visible");
    // storage pressure is judged from the log dirs (the admin API) as well; its latency evidence says what is not visible
    await page.goto(`/incidents/${incidentId}?tab=root-cause&node=broker.storage-pressure`);
    await expect(detail.getByRole("heading", { level: 2 })).toHaveText("Broker storage pressure", { timeout: 60_000 });
    await expect(detail).toContainText("broker metrics not visible: Ripcord reads this from Prometheus (PROMETHEUS_URL)");
  } finally {
    await context.close();
  }
});
