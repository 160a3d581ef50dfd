import "server-only";
import { lookup } from "node:dns/promises";
import { networkInterfaces } from "node:os";
import { bareHost, isIpLiteral, isLocalHostName, isLoopbackOrUnspecified, portOf } from "@/lib/domain/notifications/channel-url";
import { env } from "@/lib/server/env";

const LOOKUP_TIMEOUT_MS = 2_000;

function machineAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(a.address.toLowerCase());
  return out;
}

async function addressesOf(host: string): Promise<string[]> {
  if (isIpLiteral(host)) return [host];
  try {
    const found = await Promise.race([
      lookup(host, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("lookup timed out")), LOOKUP_TIMEOUT_MS).unref?.()),
    ]);
    return found.map((a) => a.address.toLowerCase());
  } catch {
    // A name that does not resolve cannot point here now; sending re-checks it every time.
    return [];
  }
}

/**
 * Why a channel URL points at this Ripcord server itself (a notification would loop back into
 * its own API: an alert webhook opening incidents that notify…), or null. It does when its
 * host:port is the one the request came in on, or when it names this machine (localhost, a
 * loopback or unspecified address, any address of this machine's interfaces, or a name that
 * resolves to one) on the port the dashboard listens on. Other ports of this machine are fine:
 * a receiver next to Ripcord on 127.0.0.1 is a real deployment (and what the tests use).
 */
export async function pointsAtServer(raw: string, requestHost: string | null = null): Promise<string | null> {
  const url = new URL(raw);
  const port = portOf(url);
  const host = bareHost(url);
  if (requestHost && `${host}:${port}` === normalizeHostHeader(requestHost, url.protocol)) return `points at this Ripcord server (${requestHost})`;
  const ownPorts = new Set([env().PORT]);
  if (requestHost) {
    const m = /:(\d+)$/.exec(requestHost);
    if (m) ownPorts.add(Number(m[1]));
  }
  if (!ownPorts.has(port)) return null;
  if (isLocalHostName(host)) return `points at this Ripcord server (${host}:${port})`;
  const local = machineAddresses();
  for (const address of await addressesOf(host)) {
    if (isLoopbackOrUnspecified(address) || local.has(address)) return `points at this Ripcord server (${host}${host === address ? "" : ` = ${address}`}:${port})`;
  }
  return null;
}

function normalizeHostHeader(hostHeader: string, protocol: string): string {
  const h = hostHeader.trim().toLowerCase();
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(h);
  if (!m) return h;
  return `${m[1]}:${m[2] ?? (protocol === "https:" ? "443" : "80")}`;
}
