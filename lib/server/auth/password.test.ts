import { describe, expect, it } from "vitest";
import { AppError } from "../http/errors";
import { Slots } from "./password";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("the password-hashing slots", () => {
  it("run at most `size` jobs at once, in arrival order, and refuse beyond the queue with 429", async () => {
    const slots = new Slots(2, 3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const release: (() => void)[] = [];
    const job = (n: number) =>
      slots.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(n);
        await new Promise<void>((r) => release.push(r));
        running--;
      });
    const jobs = [1, 2, 3, 4, 5].map(job);
    await tick();
    expect(running).toBe(2);
    const refused = await job(6).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    expect((refused as AppError).extra).toEqual({ retryAfterSeconds: 1 });
    while (release.length || running) {
      release.shift()?.();
      await tick();
    }
    await Promise.all(jobs);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("gives the slot back when a job throws", async () => {
    const slots = new Slots(1, 0);
    await expect(slots.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(slots.run(async () => "next")).resolves.toBe("next");
  });
});
