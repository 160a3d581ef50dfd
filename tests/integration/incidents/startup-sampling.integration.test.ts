import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerProcess } from "../../support/server-process";
import { queryRows } from "../../support/sql";
import { waitFor } from "../helpers";
import { portOf } from "../../../scripts/lib/ports.mjs";

// A production server samples its configured cluster from start-up: evidence (and the
// automatic incident entries built on it) accumulates before anyone opens a page. Only
// /api/health is called here, and it does not touch the sampler.
describe("sampling from start-up", () => {
  const server = new ServerProcess(portOf("STARTUP_SAMPLING_PORT", 3393), { name: "startup-sampling" });

  beforeAll(async () => {
    server.freshDatabase();
    await server.start();
  }, 120_000);

  afterAll(() => server.cleanup());

  it("persists samples of the cluster without any page or API read", async () => {
    const count = async () => Number((await queryRows<{ n: number }>(server.databaseUrl, 'SELECT COUNT(*) AS n FROM "EvidenceSample"'))[0]?.n);
    const n = await waitFor(count, (rows) => rows >= 2, { timeoutMs: 60_000, intervalMs: 1_000, what: "two persisted samples" });
    expect(n).toBeGreaterThanOrEqual(2);
  });
});
