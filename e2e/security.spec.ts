import { expect, test } from "./support/test";
import { storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("commander") });

test.describe("security headers", () => {
  test("pages carry a nonce CSP that their own scripts pass, and the API answers are never cached or framed", async ({ page, request }) => {
    const response = await page.goto("/incidents");
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    const policy = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("'unsafe-inline' 'strict-dynamic'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-frame-options"]).toBe("DENY");
    // The page works (its scripts ran under the policy): the shell is interactive.
    await expect(page.getByRole("navigation")).toBeVisible();
    // Every script Next rendered carries this response's nonce (the browser hides the value from
    // attributes but keeps it on the element's nonce property).
    const nonces = await page.evaluate(() => [...document.querySelectorAll("script")].map((s) => s.nonce).filter(Boolean));
    expect(nonces.length).toBeGreaterThan(3);
    expect(new Set(nonces).size).toBe(1);

    const api = await request.get("/api/incidents");
    expect(api.status()).toBe(200);
    expect(api.headers()["cache-control"]).toBe("no-store");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  test("markup injected into a page cannot run script (inline handlers and parser-inserted scripts need the nonce)", async ({ page, cspViolations }) => {
    await page.goto("/incidents");
    await expect(page.getByRole("navigation")).toBeVisible();
    // The classic XSS shapes: an inline event handler, and a parser-inserted script without the nonce.
    await page.evaluate(() => {
      const box = document.createElement("div");
      box.innerHTML = '<img src="/no-such-image.png" onerror="window.__ripcordInjected = true">';
      document.body.appendChild(box);
      const frame = document.createElement("iframe");
      frame.srcdoc = "<script>parent.__ripcordInjected = true</script>";
      document.body.appendChild(frame);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (window as unknown as { __ripcordInjected?: boolean }).__ripcordInjected === true)).toBe(false);
    expect(cspViolations.join("\n")).toMatch(/script-src/);
    cspViolations.length = 0; // provoked on purpose
  });

  test("another page cannot frame the signed-in incident list", async ({ page, baseURL, cspViolations }) => {
    await page.setContent(`<iframe id="victim" src="${baseURL}/incidents" width="800" height="600"></iframe>`);
    const frame = page.frameLocator("#victim");
    await expect.poll(() => cspViolations.some((v) => /frame-ancestors/.test(v))).toBe(true);
    await expect(frame.getByRole("navigation")).toHaveCount(0);
    cspViolations.length = 0; // provoked on purpose
  });
});
