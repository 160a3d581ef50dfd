import "server-only";
import { availableParallelism } from "node:os";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { AppError } from "../http/errors";

// scrypt is memory-hard (128·N·r bytes per hash: 32 MiB here), built into Node, and needs
// no native add-on. Parameters are stored with each hash so they can be raised later.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const maxmem = (n: number, r: number) => 128 * n * r * 2;

/**
 * At most this many password hashes at once (half the cores, at least one), with a bounded queue
 * behind them: 200 simultaneous sign-ins each wanting 32 MiB and ~100 ms of CPU would otherwise
 * take every libuv thread and core, and /api/health stalled for 14.6 s. Beyond the queue the
 * caller gets 429 with Retry-After.
 */
const HASH_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2));
const MAX_WAITING = 16;

export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly size: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active++;
    else {
      if (this.waiting.length >= this.maxWaiting) {
        throw new AppError("RATE_LIMITED", "the server is checking too many passwords at once; try again in a second", { extra: { retryAfterSeconds: 1 } });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await fn();
    } finally {
      // hand the slot straight to the next in line, or give it back
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const SLOTS = Symbol.for("ripcord.passwordHashSlots");
const holder = globalThis as typeof globalThis & { [SLOTS]?: Slots };

/** Runs password work in a hashing slot (the caller may do its own checks inside, e.g. re-read a throttle). */
export function withHashingSlot<T>(fn: () => Promise<T>): Promise<T> {
  holder[SLOTS] ??= new Slots(HASH_SLOTS, MAX_WAITING);
  return holder[SLOTS].run(fn);
}

async function hash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Compares without taking a slot: call it inside withHashingSlot. */
export async function verifyInSlot(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, expectedHash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !expectedHash) return false;
  const expected = Buffer.from(expectedHash, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: maxmem(Number(n), Number(r)),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function hashPassword(password: string): Promise<string> {
  return withHashingSlot(() => hash(password));
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return withHashingSlot(() => verifyInSlot(password, stored));
}
