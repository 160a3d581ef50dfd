import { expect, test } from "./support/test";
import { brokerCountFromKafka } from "./support/kafka";
import { keepScreenshot } from "./support/screenshots";
import { PASSWORD, USERS, storageStateFor } from "./support/users";

test.describe("app shell", () => {
  test("a signed-out visitor is sent to sign in, and a wrong password reads clearly", async ({ page }) => {
    await page.goto("/incidents");
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel("Email").fill(USERS.commander.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#auth-error")).toHaveText("email or password is wrong");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/incidents$/);
    await expect(page.getByTestId("current-user")).toHaveText(USERS.commander.name);
  });

  test.describe("signed in", () => {
    test.use({ storageState: storageStateFor("commander") });

    test("the health indicator shows the broker count read from the real Kafka", async ({ page }, testInfo) => {
      const brokers = await brokerCountFromKafka();
      await page.goto("/incidents");
      const indicator = page.getByTestId("health-indicator");
      await expect(indicator).toHaveAttribute("data-state", "connected");
      await expect(indicator).toHaveText(`Kafka · ${brokers} broker${brokers === 1 ? "" : "s"}`);
      await expect(page.getByTestId("kafka-banner")).toHaveCount(0);
      await keepScreenshot(page, testInfo, "shell-connected");
    });

    test("every section is reachable from the navigation, by keyboard too", async ({ page }) => {
      await page.goto("/incidents");
      // Scoped to the main navigation with exact names: pages list groups and topics whose
      // names (from other specs) may contain a section's word, e.g. "e2e-cluster-g-…".
      const mainNav = page.getByRole("navigation", { name: "Main" });
      for (const section of ["Cluster", "Reviews", "Drills", "Settings", "Incidents"]) {
        await mainNav.getByRole("link", { name: section, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: section, exact: true })).toBeVisible();
        await expect(mainNav.getByRole("link", { name: section, exact: true })).toHaveAttribute("aria-current", "page");
      }
      await mainNav.getByRole("link", { name: "Cluster", exact: true }).focus();
      await page.keyboard.press("Enter");
      // /cluster redirects to the default cluster's page (issue 18)
      await expect(page).toHaveURL(/\/clusters\/[^/]+$/);
    });

    test("the theme toggle switches between dark and light and survives a reload", async ({ page }, testInfo) => {
      await page.goto("/incidents");
      const toggle = page.getByTestId("theme-toggle");
      await toggle.click(); // system -> dark
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      await keepScreenshot(page, testInfo, "theme-dark");
      await page.reload();
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      await page.getByTestId("theme-toggle").click(); // dark -> light
      await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
      await keepScreenshot(page, testInfo, "theme-light");
    });
  });
});
