/**
 * A channel's URL (pure part of the check; the server adds what only it knows — its own port
 * and addresses, and DNS: lib/server/notifications/check-channel-url.ts). Only http(s), no
 * credentials in the URL (they would show in Settings and logs: a Slack-style webhook carries
 * its secret in the path, and the HMAC secret has its own field).
 */

/** Why `raw` cannot be a channel URL, or null when it can (so far). */
export function channelUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL such as https://hooks.example.com/…";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `must be an http(s) URL, not ${url.protocol.replace(/:$/, "")}:`;
  if (url.username || url.password) return "must not carry a user name or password (use the secret field for signing)";
  if (!url.hostname) return "has no host";
  return null;
}

export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/** The host without IPv6 brackets, lower-case. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || host.includes(":");
}

/** Loopback (127.0.0.0/8, ::1, IPv4-mapped loopback) or unspecified (0.0.0.0, ::): this machine, whatever its interfaces. */
export function isLoopbackOrUnspecified(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, "");
  const v4 = IPV4.exec(a.replace(/^::ffff:/, ""));
  if (v4) return v4[1] === "127" || a.replace(/^::ffff:/, "") === "0.0.0.0";
  const groups = a.split("::");
  if (groups.length > 2) return false;
  const expand = (s: string) => (s ? s.split(":") : []);
  const head = expand(groups[0] ?? "");
  const tail = groups.length === 2 ? expand(groups[1] ?? "") : [];
  const all = groups.length === 2 ? [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill("0"), ...tail] : head;
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return false;
  const n = all.map((g) => parseInt(g, 16));
  const zerosBefore = n.slice(0, 7).every((x) => x === 0);
  return zerosBefore && (n[7] === 0 || n[7] === 1);
}

/** Host names that always mean this machine. */
export function isLocalHostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "localhost.localdomain";
}
