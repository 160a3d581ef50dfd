import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";

/**
 * The embedded SQLite default has one driver connection (@prisma/adapter-better-sqlite3), whose
 * lock guards only interactive transactions. A write made while another request's transaction
 * is open must still not run inside that transaction: when the transaction rolls back, the
 * write its caller was told had succeeded must still be there. Prisma 6.19 keeps them apart
 * (create, createMany, upsert, updateMany, deleteMany and raw statements issued mid-transaction
 * all survived its rollback when probed); this holds it there across upgrades. On PostgreSQL the
 * pool gives the write its own connection; the property is the same.
 */
describe("a write beside an open transaction", () => {
  const row = (key: string) => ({ key, failures: 1, windowStartedAt: new Date() });

  it("survives that transaction's rollback", async () => {
    const prefix = `one-connection-${randomUUID().slice(0, 8)}`;
    let outside: Promise<unknown> = Promise.resolve();
    await expect(
      db().$transaction(async (tx) => {
        await tx.loginThrottle.create({ data: row(`${prefix}-inside`) });
        outside = db().loginThrottle.create({ data: row(`${prefix}-outside`) });
        // Room for the outside write to reach the connection while this transaction is open:
        // had it joined the transaction, the rollback below would take it away.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.loginThrottle.count();
        throw new Error("refused after the outside write was issued");
      }),
    ).rejects.toThrow("refused after the outside write was issued");
    await outside;
    const kept = await db().loginThrottle.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
    expect(kept.map((r) => r.key)).toEqual([`${prefix}-outside`]);
  });

  it("keeps every acknowledged write among concurrent transactions that roll back and commit", async () => {
    const prefix = `one-connection-many-${randomUUID().slice(0, 8)}`;
    const acknowledged: string[] = [];
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      work.push(db().loginThrottle.create({ data: row(`${prefix}-plain-${i}`) }).then(() => acknowledged.push(`${prefix}-plain-${i}`)));
      work.push(
        db()
          .$transaction(async (tx) => {
            await tx.loginThrottle.create({ data: row(`${prefix}-tx-${i}`) });
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (i % 2 === 0) throw new Error("rolled back");
          })
          .then(
            () => acknowledged.push(`${prefix}-tx-${i}`),
            () => undefined,
          ),
      );
    }
    await Promise.all(work);
    const kept = (await db().loginThrottle.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } })).map((r) => r.key).sort();
    expect(kept).toEqual([...acknowledged].sort());
    expect(kept.filter((k) => k.includes("-plain-"))).toHaveLength(20);
    expect(kept.filter((k) => k.includes("-tx-"))).toHaveLength(10);
  });
});
