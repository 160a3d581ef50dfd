import { expect, test } from "./support/test";
import { USERS, storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("commander") });

test("the timeline says who marked which node, changed which checklist item and what the recovery check found, with their notes", async ({ page }) => {
  const opened = await page.request.post("/api/incidents", { data: { title: "Timeline readability", scope: { topics: [], groups: [], services: [] } } });
  expect(opened.status()).toBe(201);
  const id = ((await opened.json()) as { incident: { id: string } }).incident.id;
  const post = async (path: string, data: unknown) => {
    const res = await page.request.post(`/api/incidents/${id}${path}`, { data });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  };
  await post("/tree/marks", { leafId: "consumer.slow-processing", mark: "confirmed", note: "p99 per record 4 ms → 90 ms with v2.3" });
  await post("/tree/answers", { leafId: "consumer.sink-bottleneck", question: 0, answer: "no", note: "the billing dashboard shows the database idle" });
  await post("/mitigation/items/control.scale-consumers", { action: "skip", reason: "one partition: a second consumer would sit idle" });
  await post("/mitigation/items/runbook.verify", { action: "assign" });
  await post("/mitigation/verification", { noGrowthSeconds: 60, freshnessSloSeconds: 300 });

  await page.goto(`/incidents/${id}`);
  const entry = (kind: string) => page.locator(`[data-testid="timeline-entry"][data-kind="${kind}"]`);
  await expect(entry("tree-mark")).toContainText("Marked “Slow processing” confirmed");
  await expect(entry("tree-mark")).toContainText("Note: p99 per record 4 ms → 90 ms with v2.3");
  await expect(entry("tree-mark")).toContainText(USERS.commander.name);
  await expect(entry("tree-answer")).toContainText("Answered no to “Did downstream write latency increase?” on “Sink bottleneck (backpressure)”");
  await expect(entry("tree-answer")).toContainText("Note: the billing dashboard shows the database idle");
  await expect(entry("checklist-item-updated").filter({ hasText: "Skipped" })).toContainText("Skipped “Scale the constrained consumer”");
  await expect(entry("checklist-item-updated").filter({ hasText: "Skipped" })).toContainText("Note: one partition: a second consumer would sit idle");
  await expect(entry("checklist-item-updated").filter({ hasText: "Assigned" })).toContainText(`Assigned “Verify correctness” to ${USERS.commander.name}`);
  await expect(entry("recovery-verified")).toContainText(/Recovery (verified|not verified yet): \d of \d checks pass — /);
  // No entry shows its raw type name as its label or as its whole content.
  for (const label of await page.getByTestId("entry-label").allTextContents()) expect(label).not.toMatch(/^[a-z]+(-[a-z]+)+$/);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: /^(tree mark|checklist item updated|recovery verified)$/i })).toHaveCount(0);
});
