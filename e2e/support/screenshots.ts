import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";

/** Full-page screenshot kept as a test artifact under e2e-artifacts/screenshots/. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const file = path.join("e2e-artifacts", "screenshots", `${testInfo.titlePath.slice(1, 2).join("-").replace(/\W+/g, "-")}-${name}.png`);
  // From the top: a full-page capture of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
  return file;
}
