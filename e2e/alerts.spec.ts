import { randomBytes } from "node:crypto";
import { request } from "@playwright/test";
import { expect, test } from "./support/test";
import { E2E_BASE_URL } from "../playwright.config";
import { keepScreenshot } from "./support/screenshots";
import { storageStateFor } from "./support/users";

test.describe("alert intake", () => {
  test("an alert posted with an API token appears in the open incident list without a reload", async ({ browser }, testInfo) => {
    const run = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
    const topic = `e2e-alerts-${run}`;

    const token = await test.step("an admin creates an alert-source API token for Alertmanager", async () => {
      const admin = await request.newContext({ baseURL: E2E_BASE_URL, storageState: storageStateFor("admin") });
      const created = await admin.post("/api/tokens", { data: { name: `alertmanager-${run}`, role: "responder", kind: "alert-source" } });
      expect(created.status()).toBe(201);
      const { token } = (await created.json()) as { token: string };
      await admin.dispose();
      return token;
    });

    const context = await browser.newContext({ storageState: storageStateFor("viewer") });
    const page = await context.newPage();
    await test.step("a viewer watches the incident list", async () => {
      await page.goto("/incidents");
      await expect(page.getByTestId("list-live")).toHaveText(/live/);
      // A reload or navigation would drop this mark: it proves the incident arrived live.
      await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    });

    await test.step("Alertmanager's webhook posts a firing alert", async () => {
      const machine = await request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
      const response = await machine.post("/api/alerts/alertmanager", {
        data: {
          version: "4",
          groupKey: `{}:{topic="${topic}"}`,
          truncatedAlerts: 0,
          status: "firing",
          receiver: "ripcord",
          groupLabels: { alertname: "KafkaConsumerLagHigh" },
          commonLabels: {},
          commonAnnotations: {},
          externalURL: "http://alertmanager.test",
          alerts: [
            {
              status: "firing",
              // no cluster label: the server's one cluster (a cluster it does not have would be refused, 422)
              labels: { alertname: "KafkaConsumerLagHigh", topic, consumergroup: `${topic}-reader` },
              annotations: { summary: `reader behind on ${topic}` },
              startsAt: new Date().toISOString(),
              endsAt: "0001-01-01T00:00:00Z",
              generatorURL: "http://prometheus.test/graph",
              fingerprint: `e2e${run}`,
            },
          ],
        },
      });
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { alerts: { outcome: string }[] };
      expect(body.alerts[0]?.outcome).toBe("opened");
      await machine.dispose();
    });

    await test.step("the incident appears in the list, in triage, without a reload", async () => {
      const item = page.getByTestId("incident-list").getByText(`KafkaConsumerLagHigh: reader behind on ${topic}`);
      await expect(item).toBeVisible({ timeout: 15_000 });
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      await keepScreenshot(page, testInfo, "incident-from-alert");
    });
    await context.close();
  });
});
