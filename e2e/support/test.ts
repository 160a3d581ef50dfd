import { test as base, expect, type BrowserContext } from "@playwright/test";

/** What Chromium logs when the Content-Security-Policy blocks something, and what our listener logs. */
const CSP_VIOLATION = /Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate|create)/i;

function watch(context: BrowserContext, violations: string[]): void {
  context.on("console", (message) => {
    if (CSP_VIOLATION.test(message.text())) violations.push(`${message.type()} on ${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
  // The DOM event too: it fires for every blocked load, also where Chromium logs nothing.
  void context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
  });
}

/**
 * Every spec imports `test` from here: it fails a spec whose pages violate the Content-Security-Policy,
 * in the default context and in every context the spec opens itself (browser.newContext / newPage).
 * A spec that provokes a violation on purpose reads and empties `cspViolations`.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      watch(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const created = await newContext(...args);
        watch(created, violations);
        return created;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
