import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitFor } from "../helpers";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { migratedTestDatabase } from "../../../scripts/lib/test-database.mjs";

/**
 * A real `next start` (own port, own database) and a real Prometheus Alertmanager (Debian's
 * prometheus-alertmanager) on loopback, routing every alert to Ripcord's webhook with 1 s group
 * waits and the API token as http_config.authorization.credentials.
 */
export const RIPCORD_PORT = portOf("ALERTS_IT_PORT", 3793);
export const ALERTMANAGER_PORT = portOf("ALERTMANAGER_IT_PORT", 9793);
export const ripcordUrl = `http://127.0.0.1:${RIPCORD_PORT}`;
export const alertmanagerUrl = `http://127.0.0.1:${ALERTMANAGER_PORT}`;
const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";

export interface Running {
  stop(): Promise<void>;
  output(): string;
}

function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Running & { child: ChildProcess } {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

export async function startRipcord(): Promise<Running & { databaseUrl: string }> {
  const databaseUrl = migratedTestDatabase(`alerts-it-${RIPCORD_PORT}`).url;
  // The run's Kafka under the name "it": the tests' alerts carry cluster="it", and an alert naming
  // a cluster that is not configured is refused (issue 18).
  const env = { ...process.env, KAFKA_CLUSTER_NAME: "it", DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };
  const distDir = process.env.RIPCORD_DIST_DIR || ".next";
  if (!fs.existsSync(path.resolve(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`npx next build\` first`);
  const server = startProcess("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(RIPCORD_PORT)], env);
  await waitFor(() => answers(`${ripcordUrl}/api/health`), Boolean, { timeoutMs: 90_000, intervalMs: 500, what: `next start on ${ripcordUrl}` }).catch((e: unknown) => {
    throw new Error(`${String(e)}\n${server.output()}`);
  });
  return { ...server, databaseUrl };
}

export async function startAlertmanager(token: string): Promise<Running> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ripcord-am-"));
  const config = `route:
  receiver: ripcord
  group_by: [alertname, cluster, topic, consumergroup]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 4h
receivers:
  - name: ripcord
    webhook_configs:
      - url: ${ripcordUrl}/api/alerts/alertmanager
        send_resolved: true
        http_config:
          authorization:
            credentials: ${token}
`;
  fs.writeFileSync(path.join(dir, "alertmanager.yml"), config);
  const am = startProcess(
    ALERTMANAGER_BIN,
    [`--config.file=${path.join(dir, "alertmanager.yml")}`, `--storage.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${ALERTMANAGER_PORT}`, "--cluster.listen-address=", "--log.level=warn"],
    process.env,
  );
  await waitFor(() => answers(`${alertmanagerUrl}/-/ready`), Boolean, { timeoutMs: 30_000, intervalMs: 250, what: "Alertmanager to be ready" }).catch((e: unknown) => {
    throw new Error(`${String(e)}\n${am.output()}`);
  });
  return {
    output: am.output,
    stop: async () => {
      await am.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fires (or, with endsAt in the past, resolves) an alert through Alertmanager's API v2. */
export async function postToAlertmanager(alerts: { labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string }[]): Promise<void> {
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(alerts.map((a) => ({ generatorURL: "http://prometheus.test/graph", annotations: {}, ...a }))),
  });
  if (!response.ok) throw new Error(`Alertmanager refused the alert: ${response.status} ${await response.text()}`);
}

export async function alertmanagerFingerprint(labels: Record<string, string>): Promise<string> {
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`);
  const alerts = (await response.json()) as { fingerprint: string; labels: Record<string, string> }[];
  const found = alerts.find((a) => Object.entries(labels).every(([k, v]) => a.labels[k] === v));
  if (!found) throw new Error("alert not in Alertmanager");
  return found.fingerprint;
}

/** A signed-in admin (cookie) and an alert-source API token on the running server. */
export async function bootstrapAuth(): Promise<{ adminCookie: string; token: string }> {
  const setup = await fetch(`${ripcordUrl}/api/auth/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "alerts-admin@it.test", name: "Alerts Admin", password: "long-enough-password" }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  const adminCookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const created = await fetch(`${ripcordUrl}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: adminCookie, origin: ripcordUrl },
    body: JSON.stringify({ name: "alertmanager", role: "responder", kind: "alert-source" }),
  });
  if (created.status !== 201) throw new Error(`token failed: ${created.status} ${await created.text()}`);
  const { token } = (await created.json()) as { token: string };
  return { adminCookie, token };
}

export async function api<T>(pathname: string, init: { method?: string; body?: unknown; cookie?: string; token?: string } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { origin: ripcordUrl };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.cookie) headers.cookie = init.cookie;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${ripcordUrl}${pathname}`, { method: init.method ?? (init.body !== undefined ? "POST" : "GET"), headers, body: init.body !== undefined ? JSON.stringify(init.body) : undefined });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
