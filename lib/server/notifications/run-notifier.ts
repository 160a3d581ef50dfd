import "server-only";
import type { RetryPolicy } from "@/lib/domain/notifications/retry";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { followList } from "@/lib/server/live/feed";
import { subscribeList } from "@/lib/server/live/hub";
import { log } from "@/lib/server/log";
import { queueNotifications } from "./queue-notifications";
import { remindDueUpdates } from "./remind-due-updates";
import { sendDelivery, type SendOptions } from "./send-delivery";

export interface NotifierOptions {
  workers: number;
  timeoutMs: number;
  retry: RetryPolicy;
  /** the loop's period when nothing wakes it */
  pollMs: number;
}

export function notifierOptionsFromEnv(): NotifierOptions {
  const e = env();
  return {
    workers: e.RIPCORD_NOTIFY_WORKERS,
    timeoutMs: e.RIPCORD_NOTIFY_TIMEOUT_MS,
    retry: { baseMs: e.RIPCORD_NOTIFY_RETRY_BASE_MS, maxMs: Math.max(e.RIPCORD_NOTIFY_RETRY_BASE_MS, e.RIPCORD_NOTIFY_RETRY_MAX_MS), giveUpAfterMs: 24 * 60 * 60_000 },
    pollMs: 1000,
  };
}

/** How long past its timeout a claimed delivery stays claimed before another worker may take it (its worker died). */
const CLAIM_GRACE_MS = 30_000;
const REMIND_EVERY_MS = 5_000;
const FULL_SWEEP_EVERY_MS = 60_000;

/**
 * The notifier of this process: a loop that queues deliveries from the incident logs
 * (queue-notifications.ts), writes due stakeholder-update reminders, and keeps up to
 * `workers` deliveries in flight, each bounded by `timeoutMs` — a hanging receiver holds one
 * worker for at most that long, never the loop and never an incident write. Deliveries are
 * claimed with a conditional update, so two processes never send the same attempt; a claim
 * whose worker died expires and the delivery is sent again. Any new log entry wakes it.
 */
export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  private readonly inFlight = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private lastRemind = 0;
  private lastFullSweep = 0;
  private readonly send: SendOptions;

  constructor(readonly options: NotifierOptions) {
    this.send = { timeoutMs: options.timeoutMs, retry: options.retry };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = subscribeList(() => this.wake());
    // On PostgreSQL the list hub hears commits (this instance's too) only through the process's
    // LISTEN connection, which otherwise starts with the first incident-list stream: without it
    // the notifier woke only on its 1 s loop (bench:notify p50 708 ms against SQLite's 69 ms).
    void followList().catch((error: unknown) => log("warn", "notifier: cannot follow new entries; sweeping only", { error: String(error) }));
    this.wake();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Run a round soon (joins the one under way: it runs once more when done). */
  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
    this.timer.unref?.();
  }

  private schedule(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), this.again ? 0 : this.options.pollMs);
    this.again = false;
    this.timer.unref?.();
  }

  /** One round now; resolves when it is done (the sends it started keep going). */
  tick(): Promise<void> {
    this.ticking ??= this.round()
      .catch((error: unknown) => log("warn", "notifier round failed", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.ticking = null;
        this.schedule();
      });
    return this.ticking;
  }

  private async round(): Promise<void> {
    const now = Date.now();
    // Right after start: the last day, so a crash between an entry and its queueing loses nothing.
    const sweep = now - this.lastFullSweep >= FULL_SWEEP_EVERY_MS;
    await queueNotifications({ updatedSinceMs: sweep ? (this.lastFullSweep === 0 ? 24 * 60 * 60_000 : 2 * FULL_SWEEP_EVERY_MS) : 10 * 60_000 });
    if (sweep) this.lastFullSweep = now;
    if (now - this.lastRemind >= REMIND_EVERY_MS) {
      this.lastRemind = now;
      if ((await remindDueUpdates()) > 0) await queueNotifications();
    }
    await this.fillWorkers();
  }

  private async fillWorkers(): Promise<void> {
    const free = this.options.workers - this.inFlight.size;
    if (free <= 0) return;
    const now = new Date();
    const due = await db().notificationDelivery.findMany({
      where: {
        id: { notIn: [...this.inFlight] },
        OR: [{ status: { in: ["queued", "retrying"] }, nextAttemptAt: { lte: now } }, { status: "sending", lockedUntil: { lt: now } }],
      },
      orderBy: { nextAttemptAt: "asc" },
      take: free,
      select: { id: true, status: true, lockedUntil: true },
    });
    for (const d of due) {
      const claimed = await db().notificationDelivery.updateMany({
        where: { id: d.id, status: d.status, lockedUntil: d.lockedUntil },
        data: { status: "sending", lockedUntil: new Date(Date.now() + this.options.timeoutMs + CLAIM_GRACE_MS), attempts: { increment: 1 } },
      });
      if (claimed.count !== 1) continue;
      this.inFlight.add(d.id);
      void sendDelivery(d.id, this.send)
        .catch((error: unknown) => log("warn", "notification attempt failed", { delivery: d.id, error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          this.inFlight.delete(d.id);
          this.wake();
        });
    }
  }

  /** Deliveries this process is sending right now. */
  busy(): number {
    return this.inFlight.size;
  }
}

const KEY = Symbol.for("ripcord.notifications.notifier");
const holder = globalThis as typeof globalThis & { [KEY]?: Notifier };

/** The process's notifier, started (lib/server/startup.ts); one per process. */
export function startNotifier(options: NotifierOptions = notifierOptionsFromEnv()): Notifier {
  holder[KEY] ??= new Notifier(options);
  holder[KEY].start();
  return holder[KEY];
}

export function stopNotifier(): void {
  holder[KEY]?.stop();
  delete holder[KEY];
}
