/**
 * bench:ui — how a long incident page behaves in the production build, in Chromium.
 *
 *   npm run --silent bench:ui -- --entries 5000 [--runs 3] [--json]
 *
 * Seeds one incident with N log entries (1% pinned for the review, at least 1) through the
 * real API, then opens its page in Debian's Chromium (a fresh browser context per run) and
 * measures, in the page's own clock:
 *   firstContentfulPaintMs  the browser's first-contentful-paint
 *   interactiveMs           navigation start → the timeline drawn, the stream live, and a key
 *                           typed into the annotation box showing in it (hydrated, main thread free)
 *   newEntryRenderMs        an entry's SSE event arriving → its row in the DOM (median of 5 new
 *                           entries written through the API while the page is open)
 * Prints the median of the runs; with --json the last line is
 * {entries, firstContentfulPaintMs, interactiveMs, newEntryRenderMs, …}. Figures only.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { ServerProcess } from "../../tests/support/server-process";
import { buildIsStale } from "../lib/build-state.mjs";
import { portOf } from "../lib/ports.mjs";

const { values: args } = parseArgs({ options: { entries: { type: "string", default: "5000" }, runs: { type: "string", default: "3" }, json: { type: "boolean", default: false } } });
const ENTRIES = Number(args.entries);
const RUNS = Number(args.runs);
const PASSWORD = "bench-password-123";
const say = (line: string) => console.error(`bench:ui: ${line}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const stale = buildIsStale(process.cwd());
  if (stale) throw new Error(`the production build is not current (${stale}): run \`npx next build\` first`);
  const server = new ServerProcess(portOf("BENCH_UI_PORT", 3397), { name: "bench-ui" });
  server.freshDatabase();
  await server.start();
  try {
    const post = (path: string, body: unknown, cookie = "") => fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
    const setup = await post("/api/auth/setup", { email: "bench-ui@ripcord.test", name: "Bench Commander", password: PASSWORD });
    if (setup.status !== 201) throw new Error(`first-run setup: ${setup.status}`);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const opened = await post("/api/incidents", { title: `bench:ui ${ENTRIES} entries`, scope: { topics: ["orders"], groups: ["billing"], services: ["bench"] } }, cookie);
    const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

    const pins = Math.max(1, Math.round(ENTRIES / 100));
    const notes = ENTRIES - 2 - pins; // opened + took command + the pins' own entries
    say(`seeding ${ENTRIES} entries (${pins} pinned) through the API…`);
    const ids: string[] = [];
    const kinds = ["observation", "hypothesis", "action", "decision", "communication"];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < notes) {
          const i = next++;
          const res = await post(`/api/incidents/${incidentId}/annotations`, { annotationKind: kinds[i % kinds.length], body: `note ${i}: lag on **orders-${i % 12}** is ${1000 + i} records; consumer \`billing\` at ${i % 100}% of input`, idempotencyKey: randomUUID() }, cookie);
          if (res.status !== 201) throw new Error(`seeding note ${i}: ${res.status} ${await res.text()}`);
          ids.push(((await res.json()) as { entry: { id: string } }).entry.id);
        }
      }),
    );
    for (let p = 0; p < pins; p++) {
      const res = await post(`/api/incidents/${incidentId}/pins`, { entryId: ids[Math.floor((p * ids.length) / pins)] }, cookie);
      if (res.status >= 300) throw new Error(`pinning: ${res.status} ${await res.text()}`);
    }

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    const runs: { fcp: number; interactive: number; newEntry: number }[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const [name, value] = cookie.split("=");
        await context.addCookies([{ name: name!, value: value!, url: server.url }]);
        // tsx (esbuild keepNames) wraps the named functions of the callbacks below in __name(…),
        // which the page does not have: without this the wrapped listener throws in the page.
        await context.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
        // Times each SSE `entry` event as it reaches the page, before React sees it.
        await context.addInitScript(() => {
          const arrivals: Record<number, number> = {};
          (window as unknown as { __arrivals: Record<number, number> }).__arrivals = arrivals;
          const original = EventSource.prototype.addEventListener;
          EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
            if (type === "entry" && typeof listener === "function") {
              const wrapped = (event: Event) => {
                arrivals[Number((event as MessageEvent).lastEventId)] = performance.now();
                listener.call(this, event);
              };
              return original.call(this, type, wrapped, options);
            }
            return original.call(this, type, listener, options);
          } as typeof EventSource.prototype.addEventListener;
        });
        const page = await context.newPage();
        // Figures, not a pass/fail: on a machine loaded by others hydration can take longer than
        // Playwright's 30 s default, and the run should report that time rather than give up.
        const patience = { timeout: 300_000 };
        await page.goto(`${server.url}/incidents/${incidentId}`, { waitUntil: "commit", ...patience });
        await page.getByTestId("timeline-entry").first().waitFor(patience);
        await page.getByTestId("stream-status").filter({ hasText: "live" }).waitFor(patience);
        await page.getByTestId("annotation-body").pressSequentially("x", patience);
        await page.waitForFunction(() => (document.querySelector('[data-testid="annotation-body"]') as HTMLTextAreaElement | null)?.value === "x", undefined, patience);
        const interactive = await page.evaluate(() => performance.now());
        const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN);
        // The newest entry is drawn at the top of the timeline: bring its top into view (centring
        // a 5,000-entry list would scroll the new row out of the virtualized window).
        await page.getByTestId("timeline").evaluate((list) => list.scrollIntoView({ block: "start" }));
        const rendered: number[] = [];
        for (let k = 0; k < 5; k++) {
          const res = await post(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body: `live note ${run}.${k}`, idempotencyKey: randomUUID() }, cookie);
          const { seq } = ((await res.json()) as { entry: { seq: number } }).entry;
          const ms = await page.evaluate(
            (s) =>
              new Promise<number>((resolve) => {
                const arrivals = (window as unknown as { __arrivals: Record<number, number> }).__arrivals;
                const done = () => {
                  const arrived = arrivals[s];
                  if (arrived !== undefined && document.querySelector(`[data-testid="timeline-entry"][data-seq="${s}"]`)) {
                    resolve(performance.now() - arrived);
                    return true;
                  }
                  return false;
                };
                if (done()) return;
                const observer = new MutationObserver(() => {
                  if (done()) observer.disconnect();
                });
                observer.observe(document.body, { childList: true, subtree: true });
              }),
            seq,
          );
          rendered.push(ms);
        }
        runs.push({ fcp, interactive, newEntry: median(rendered) });
        say(`run ${run + 1}: FCP ${round(fcp)} ms, interactive ${round(interactive)} ms, new entry ${round(median(rendered))} ms`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const result = {
      entries: ENTRIES,
      firstContentfulPaintMs: round(median(runs.map((r) => r.fcp))),
      interactiveMs: round(median(runs.map((r) => r.interactive))),
      newEntryRenderMs: round(median(runs.map((r) => r.newEntry))),
      pinned: pins,
      runs: RUNS,
      interactiveMsPerRun: runs.map((r) => round(r.interactive)),
    };
    if (!args.json) console.log(`entries ${result.entries} (${pins} pinned): FCP ${result.firstContentfulPaintMs} ms, interactive ${result.interactiveMs} ms, new entry ${result.newEntryRenderMs} ms (median of ${RUNS})`);
    console.log(JSON.stringify(result));
  } finally {
    await server.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
