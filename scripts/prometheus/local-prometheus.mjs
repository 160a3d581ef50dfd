// A real Prometheus (Debian's package `prometheus`, /usr/bin/prometheus) on loopback scraping the
// local brokers' JMX exporter agents (scripts/kafka/jmx-exporter.yml, ports KAFKA_PORT + 300 + i - 1).
//
// Layout: .prometheus/<port>/{prometheus.yml,data/,prometheus.log,pid} (git-ignored).
// `npm run metrics:up` starts it on 127.0.0.1:PROMETHEUS_PORT (default 9090, shifted by
// RIPCORD_PORT_OFFSET); a second up only rewrites the targets and reloads. Tests start their own
// instances (other ports and folders, a one-second scrape interval) through the same functions.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { portOf } from "../lib/ports.mjs";
import { UsageError, exporterAddressOf, kafkaSettings, projectRoot, runningCluster, bootstrapServers } from "../kafka/local-kafka.mjs";

export { UsageError };

const DURATION = /^\d+(ms|s|m)$/;

/** Where and how the local Prometheus runs (environment: PROMETHEUS_PORT, PROMETHEUS_SCRAPE_INTERVAL, PROMETHEUS_BIN). */
export function prometheusSettings(env = process.env) {
  const port = portOf("PROMETHEUS_PORT", 9090, env);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new UsageError(`PROMETHEUS_PORT must be a port number between 1024 and 65535 (got "${env.PROMETHEUS_PORT}")`);
  const scrapeInterval = env.PROMETHEUS_SCRAPE_INTERVAL || "5s";
  if (!DURATION.test(scrapeInterval)) throw new UsageError(`PROMETHEUS_SCRAPE_INTERVAL must be a duration like 5s (got "${scrapeInterval}")`);
  const root = path.resolve(env.PROMETHEUS_HOME_DIR || path.join(projectRoot, ".prometheus"));
  return { port, scrapeInterval, binary: env.PROMETHEUS_BIN || "prometheus", dir: path.join(root, String(port)), startTimeoutMs: Number(env.PROMETHEUS_START_TIMEOUT_MS || "30000") };
}

export const prometheusUrl = (settings) => `http://127.0.0.1:${settings.port}`;

/** The one line to print when the binary is missing. */
export function missingBinaryMessage(settings) {
  return `Prometheus not found (${settings.binary}): install Debian's package with "apt-get install prometheus" (or set PROMETHEUS_BIN)`;
}

export function prometheusAvailable(settings) {
  const result = spawnSync(settings.binary, ["--version"], { stdio: "ignore" });
  return !result.error && result.status === 0;
}

/**
 * Scrape targets for the brokers at `bootstrap` ("127.0.0.1:9092,127.0.0.1:9093"): each broker's
 * exporter, labelled with its node id (the local brokers' ids are 1..n in bootstrap order) and the
 * cluster's bootstrap address.
 */
export function localTargets(bootstrap) {
  return bootstrap.split(",").map((address, i) => ({ address: exporterAddressOf(address), labels: { node_id: String(i + 1), kafka_cluster: bootstrap } }));
}

/** Targets of the local Kafka at KAFKA_PORT: its running nodes, else the nodes KAFKA_NODES says it will have. */
export function localKafkaTargets(env = process.env) {
  const kafka = kafkaSettings(env);
  const running = runningCluster(kafka);
  return localTargets(bootstrapServers({ ...kafka, nodes: running?.nodes ?? kafka.nodes }));
}

function configText(settings, targets) {
  const lines = [
    "# Written by scripts/prometheus/local-prometheus.mjs: Ripcord's local Prometheus.",
    "global:",
    `  scrape_interval: ${settings.scrapeInterval}`,
    `  scrape_timeout: ${settings.scrapeInterval}`,
    `  evaluation_interval: ${settings.scrapeInterval}`,
    "scrape_configs:",
    "  - job_name: kafka",
    "    static_configs:",
  ];
  for (const t of targets) {
    lines.push(`      - targets: ["${t.address}"]`, "        labels:");
    for (const [k, v] of Object.entries(t.labels)) lines.push(`          ${k}: "${v}"`);
  }
  if (targets.length === 0) lines.push("      []");
  return `${lines.join("\n")}\n`;
}

function readPid(settings) {
  try {
    return Number(fs.readFileSync(path.join(settings.dir, "pid"), "utf8"));
  } catch {
    return 0;
  }
}

function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url, timeoutMs = 1000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export function runningPrometheus(settings) {
  const pid = readPid(settings);
  return alive(pid) ? { pid, url: prometheusUrl(settings) } : null;
}

/**
 * Starts Prometheus scraping `targets` unless it already runs in this folder, in which case the
 * targets are rewritten and the configuration reloaded (SIGHUP). Resolves {started, url}.
 */
export async function startPrometheus(settings, targets, log = console.error) {
  if (!prometheusAvailable(settings)) throw new UsageError(missingBinaryMessage(settings));
  fs.mkdirSync(path.join(settings.dir, "data"), { recursive: true });
  const configFile = path.join(settings.dir, "prometheus.yml");
  fs.writeFileSync(configFile, configText(settings, targets));
  const url = prometheusUrl(settings);
  const running = runningPrometheus(settings);
  if (running) {
    process.kill(running.pid, "SIGHUP");
    log(`Prometheus already running at ${url}; scraping ${targets.map((t) => t.address).join(", ")}`);
    return { started: false, url };
  }
  if (await answers(`${url}/-/ready`)) {
    throw new UsageError(`port ${settings.port} is taken by a Prometheus this project did not start (Debian's service? "systemctl stop prometheus"), or set PROMETHEUS_PORT`);
  }
  const logFd = fs.openSync(path.join(settings.dir, "prometheus.log"), "a");
  const child = spawn(
    settings.binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(settings.dir, "data")}`,
      "--storage.tsdb.retention.time=2d",
      `--web.listen-address=127.0.0.1:${settings.port}`,
      "--web.enable-lifecycle",
      "--log.level=warn",
    ],
    { detached: true, stdio: ["ignore", logFd, logFd] },
  );
  child.unref();
  fs.closeSync(logFd);
  fs.writeFileSync(path.join(settings.dir, "pid"), String(child.pid));
  const started = Date.now();
  for (;;) {
    if (await answers(`${url}/-/ready`)) break;
    if (!alive(child.pid)) {
      const tail = fs.readFileSync(path.join(settings.dir, "prometheus.log"), "utf8").trim().split("\n").slice(-3).join(" ");
      throw new Error(`Prometheus exited during start-up: ${tail}`);
    }
    if (Date.now() - started > settings.startTimeoutMs) throw new Error(`Prometheus did not answer on ${url} within ${settings.startTimeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`Prometheus up at ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s, scraping ${targets.map((t) => t.address).join(", ")} every ${settings.scrapeInterval}; data in ${settings.dir}`);
  return { started: true, url };
}

/** Stops the Prometheus of this folder; resolves whether one was running. */
export async function stopPrometheus(settings, { clean = false, signal = "SIGTERM" } = {}, log = console.error) {
  const pid = readPid(settings);
  let stopped = false;
  if (alive(pid)) {
    process.kill(pid, signal);
    const deadline = Date.now() + 15_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, "SIGKILL");
    while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
    stopped = true;
  }
  fs.rmSync(path.join(settings.dir, "pid"), { force: true });
  if (clean) fs.rmSync(settings.dir, { recursive: true, force: true });
  log(stopped ? `stopped Prometheus on port ${settings.port}` : `no Prometheus running on port ${settings.port}`);
  return stopped;
}

/** Resolves once every target of `url` reports health "up" (or throws after timeoutMs). */
export async function waitForTargetsUp(url, count, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  for (;;) {
    try {
      const res = await fetch(`${url}/api/v1/targets?state=active`, { signal: AbortSignal.timeout(2000) });
      const body = await res.json();
      const targets = body.data?.activeTargets ?? [];
      const up = targets.filter((t) => t.health === "up").length;
      last = `${up} of ${targets.length} target(s) up${targets.find((t) => t.lastError)?.lastError ? ` (${targets.find((t) => t.lastError).lastError})` : ""}`;
      if (up >= count && targets.length >= count) return;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`Prometheus targets not up within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
