import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Until the first admin exists, anyone who reaches the server could make themselves its admin.
 * From the server's own machine (loopback) that is the person who started it; from anywhere else
 * first-run setup needs this code, which the server prints on its console (and nowhere else).
 * One per process: each instance prints its own.
 */
const STATE = Symbol.for("ripcord.setupCode");
type Holder = typeof globalThis & { [STATE]?: string };

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function setupCode(): string {
  const holder = globalThis as Holder;
  if (!holder[STATE]) {
    const chars = [...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
    holder[STATE] = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  }
  return holder[STATE];
}

const canonical = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
const digest = (code: string) => createHash("sha256").update(canonical(code)).digest();

/** Whether a typed code is this process's setup code (case, spaces and dashes aside). */
export function isSetupCode(given: string | undefined): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(setupCode()));
}

/** The console line an operator reads the code from. */
export function announceSetupCode(): void {
  console.log(`ripcord: no admin yet — first-run setup from another machine needs the setup code ${setupCode()} (from this machine, open /setup on localhost)`);
}
