// A real Apache Kafka in KRaft mode on loopback, from the official jars on Maven Central.
// No Docker: Maven resolves the jars (cached in ~/.m2 and a classpath file under .kafka/),
// and each node is a detached `java -cp … kafka.Kafka` process with its log in a file.
//
// Layout: .kafka/cluster-<port>/state.json, .kafka/cluster-<port>/node-<id>/{data,server.properties,server.log,pid}
// Ports: broker i listens on KAFKA_PORT + (i - 1); its controller on KAFKA_PORT + 100 + (i - 1);
// a SASL_PLAINTEXT listener (mechanism PLAIN, user SASL_USER) on KAFKA_PORT + 200 + (i - 1), so
// authentication failures can be tested against a real broker; the Prometheus JMX exporter agent
// (scripts/kafka/jmx-exporter.yml) serves the broker's metrics on http://127.0.0.1:(KAFKA_PORT + 300 + (i - 1))/metrics.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { portOf } from "../lib/ports.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, "..", "..");

export const DEFAULT_KAFKA_VERSION = "4.3.1";
/** io.prometheus.jmx:jmx_prometheus_javaagent on Maven Central (1.0.1 is the newest published there). */
export const JMX_EXPORTER_VERSION = "1.0.1";
/** Broker i's JMX exporter port is its broker port + this. */
export const EXPORTER_PORT_SHIFT = 300;
export const SUPPORTED_LINES = ["3.9", "4."];

export function kafkaSettings(env = process.env) {
  const version = env.KAFKA_VERSION || DEFAULT_KAFKA_VERSION;
  const nodes = Number(env.KAFKA_NODES || "1");
  const port = portOf("KAFKA_PORT", 9092, env);
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new UsageError(`KAFKA_VERSION must look like 4.3.1 (got "${version}")`);
  if (!SUPPORTED_LINES.some((line) => version.startsWith(line)))
    throw new UsageError(`KAFKA_VERSION ${version} is not supported: use 3.9.x or 4.x`);
  if (nodes !== 1 && nodes !== 3) throw new UsageError(`KAFKA_NODES must be 1 or 3 (got "${env.KAFKA_NODES}")`);
  if (!Number.isInteger(port) || port < 1024 || port > 65000 - EXPORTER_PORT_SHIFT)
    throw new UsageError(`KAFKA_PORT must be a port number between 1024 and ${65000 - EXPORTER_PORT_SHIFT} (got "${env.KAFKA_PORT}")`);
  const root = path.resolve(env.KAFKA_HOME_DIR || path.join(projectRoot, ".kafka"));
  const startTimeoutMs = Number(env.KAFKA_START_TIMEOUT_MS || "120000");
  // Heap of each node: the default suits tests; a bench with tens of thousands of partitions asks for more.
  const heapMax = env.KAFKA_HEAP_MAX || "768m";
  if (!/^\d+[mg]$/.test(heapMax)) throw new UsageError(`KAFKA_HEAP_MAX must look like 768m or 2g (got "${heapMax}")`);
  return { version, nodes, port, root, clusterDir: path.join(root, `cluster-${port}`), startTimeoutMs, heapMax };
}

export class UsageError extends Error {}

const isKafka4 = (version) => version.startsWith("4.");

export function brokerPort(settings, nodeId) {
  return settings.port + nodeId - 1;
}
function controllerPort(settings, nodeId) {
  return settings.port + 100 + nodeId - 1;
}
export function saslPort(settings, nodeId) {
  return settings.port + 200 + nodeId - 1;
}
/** Where broker `nodeId`'s JMX exporter serves /metrics (derived from its broker port). */
export function exporterPort(settings, nodeId) {
  return brokerPort(settings, nodeId) + EXPORTER_PORT_SHIFT;
}
/** The exporter address of the broker listening on `brokerAddress` ("127.0.0.1:9092" → "127.0.0.1:9392"). */
export function exporterAddressOf(brokerAddress) {
  const [host, port] = brokerAddress.split(":");
  return `${host}:${Number(port) + EXPORTER_PORT_SHIFT}`;
}
/** The one PLAIN account of the local SASL listener (a test credential, not a secret). */
export const SASL_USER = { username: "ripcord", password: "ripcord-local-secret" };
export function bootstrapServers(settings) {
  return Array.from({ length: settings.nodes }, (_, i) => `127.0.0.1:${brokerPort(settings, i + 1)}`).join(",");
}

function commandExists(command, args) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error && result.status === 0;
}

export function checkPrerequisites() {
  const missing = [];
  if (!commandExists("java", ["-version"])) missing.push("Java 17+ (java not found on PATH)");
  if (!commandExists("mvn", ["-v"])) missing.push("Maven (mvn not found on PATH)");
  if (missing.length) throw new UsageError(`cannot start local Kafka: missing ${missing.join(" and ")}`);
  const out = spawnSync("java", ["-version"], { encoding: "utf8" });
  const major = Number((/version "(\d+)/.exec(out.stderr || "") || [])[1] || "0");
  if (major && major < 17) throw new UsageError(`cannot start local Kafka: Java 17+ required, found Java ${major}`);
}

/** Resolves (once per version) the classpath of the Kafka server and tools jars. */
export function resolveClasspath(settings, log = () => {}) {
  const cacheDir = path.join(settings.root, "cache");
  fs.mkdirSync(cacheDir, { recursive: true });
  // Keyed by the POM too: a changed dependency (the logging binding) must not reuse an old list.
  const pomHash = createHash("sha256").update(fs.readFileSync(path.join(here, "pom.xml"))).digest("hex").slice(0, 10);
  const cpFile = path.join(cacheDir, `classpath-${settings.version}-${pomHash}.txt`);
  if (fs.existsSync(cpFile)) {
    const cp = fs.readFileSync(cpFile, "utf8").trim();
    if (cp.split(path.delimiter).every((jar) => fs.existsSync(jar))) return cp;
  }
  log(`resolving Apache Kafka ${settings.version} from Maven Central…`);
  const result = spawnSync(
    "mvn",
    [
      "-q",
      "-B",
      "-f",
      path.join(here, "pom.xml"),
      `-Dkafka.version=${settings.version}`,
      `-Dkafka.logging=${isKafka4(settings.version) ? "log4j2" : "reload4j"}`,
      "dependency:build-classpath",
      `-Dmdep.outputFile=${cpFile}`,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) {
    const detail = (result.stdout + result.stderr).split("\n").filter((l) => l.includes("ERROR")).slice(0, 3).join(" ");
    throw new UsageError(`could not resolve Apache Kafka ${settings.version} with Maven: ${detail || "mvn failed"}`);
  }
  return fs.readFileSync(cpFile, "utf8").trim();
}

/** Resolves (once) the JMX exporter agent jar; returns its path. */
export function resolveJmxExporter(settings, log = () => {}) {
  const cacheDir = path.join(settings.root, "cache");
  fs.mkdirSync(cacheDir, { recursive: true });
  const cpFile = path.join(cacheDir, `jmx-exporter-${JMX_EXPORTER_VERSION}.txt`);
  if (fs.existsSync(cpFile)) {
    const jar = fs.readFileSync(cpFile, "utf8").trim();
    if (jar && fs.existsSync(jar)) return jar;
  }
  log(`resolving the Prometheus JMX exporter ${JMX_EXPORTER_VERSION} from Maven Central…`);
  const result = spawnSync(
    "mvn",
    ["-q", "-B", "-f", path.join(here, "jmx-exporter.pom.xml"), `-Djmx.exporter.version=${JMX_EXPORTER_VERSION}`, "dependency:build-classpath", `-Dmdep.outputFile=${cpFile}`],
    { encoding: "utf8" },
  );
  if (result.status !== 0) {
    const detail = (result.stdout + result.stderr).split("\n").filter((l) => l.includes("ERROR")).slice(0, 3).join(" ");
    throw new UsageError(`could not resolve the JMX exporter ${JMX_EXPORTER_VERSION} with Maven: ${detail || "mvn failed"}`);
  }
  return fs.readFileSync(cpFile, "utf8").trim();
}

function writeState(settings, clusterId) {
  fs.writeFileSync(
    path.join(settings.clusterDir, "state.json"),
    JSON.stringify({ version: settings.version, nodes: settings.nodes, port: settings.port, clusterId, exporter: JMX_EXPORTER_VERSION }, null, 2),
  );
}

function readState(settings) {
  try {
    return JSON.parse(fs.readFileSync(path.join(settings.clusterDir, "state.json"), "utf8"));
  } catch {
    return null;
  }
}

function pidAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function nodeDir(settings, nodeId) {
  return path.join(settings.clusterDir, `node-${nodeId}`);
}

export function nodePid(settings, nodeId) {
  try {
    return Number(fs.readFileSync(path.join(nodeDir(settings, nodeId), "pid"), "utf8"));
  } catch {
    return 0;
  }
}

/** Sends an ApiVersions v0 request and resolves true when the broker answers it without error. */
export function brokerAnswers(port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const clientId = Buffer.from("ripcord-harness");
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
    body.writeInt16BE(18, 0); // ApiVersions
    body.writeInt16BE(0, 2);
    body.writeInt32BE(4242, 4);
    body.writeInt16BE(clientId.length, 8);
    clientId.copy(body, 10);
    const frame = Buffer.alloc(4 + body.length);
    frame.writeInt32BE(body.length, 0);
    body.copy(frame, 4);
    let received = Buffer.alloc(0);
    const done = (ok) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on("connect", () => socket.write(frame));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 10) done(received.readInt32BE(4) === 4242 && received.readInt16BE(8) === 0);
    });
    socket.on("error", () => done(false));
  });
}

/**
 * Resolves true when the JMX exporter on `port` serves /metrics (the agent starts before Kafka
 * does). A fresh connection each time (no keep-alive pool): after a node restart a pooled socket
 * to the old process would fail the check.
 */
export function exporterAnswers(port, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/metrics", agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200));
      res.on("error", () => resolve(false));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

/**
 * Sends a Metadata v4 request (no topics) and resolves the number of brokers the cluster
 * metadata lists, or -1 on failure. A broker answers ApiVersions before the controller has
 * registered (unfenced) its peers; clients only see brokers that metadata lists.
 */
export function registeredBrokers(port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const clientId = Buffer.from("ripcord-harness");
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let o = body.writeInt16BE(3, 0); // Metadata
    o = body.writeInt16BE(4, o);
    o = body.writeInt32BE(4343, o);
    o = body.writeInt16BE(clientId.length, o);
    o += clientId.copy(body, o);
    o = body.writeInt32BE(0, o); // no topics
    body.writeInt8(0, o); // no auto-creation
    const frame = Buffer.alloc(4 + body.length);
    frame.writeInt32BE(body.length, 0);
    body.copy(frame, 4);
    let received = Buffer.alloc(0);
    const done = (count) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(count);
    };
    const timer = setTimeout(() => done(-1), timeoutMs);
    socket.on("connect", () => socket.write(frame));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      // size, correlation id, throttle time, then the brokers array's length.
      done(received.readInt32BE(4) === 4343 ? received.readInt32BE(12) : -1);
    });
    socket.on("error", () => done(-1));
  });
}

function writeNodeConfig(settings, nodeId, clusterId) {
  const dir = nodeDir(settings, nodeId);
  fs.mkdirSync(path.join(dir, "data"), { recursive: true });
  const voters = Array.from({ length: settings.nodes }, (_, i) => `${i + 1}@127.0.0.1:${controllerPort(settings, i + 1)}`).join(",");
  const replication = settings.nodes === 3 ? 3 : 1;
  const props = {
    "process.roles": "broker,controller",
    "node.id": nodeId,
    "controller.quorum.voters": voters,
    listeners: `PLAINTEXT://127.0.0.1:${brokerPort(settings, nodeId)},CONTROLLER://127.0.0.1:${controllerPort(settings, nodeId)},SASL_PLAINTEXT://127.0.0.1:${saslPort(settings, nodeId)}`,
    "advertised.listeners": `PLAINTEXT://127.0.0.1:${brokerPort(settings, nodeId)},SASL_PLAINTEXT://127.0.0.1:${saslPort(settings, nodeId)}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
    "sasl.enabled.mechanisms": "PLAIN",
    "listener.name.sasl_plaintext.plain.sasl.jaas.config": `org.apache.kafka.common.security.plain.PlainLoginModule required user_${SASL_USER.username}="${SASL_USER.password}";`,
    "log.dirs": path.join(dir, "data"),
    "num.partitions": 1,
    "offsets.topic.replication.factor": replication,
    "offsets.topic.num.partitions": 10,
    "transaction.state.log.replication.factor": replication,
    "transaction.state.log.min.isr": Math.min(2, replication),
    "group.initial.rebalance.delay.ms": 0,
    // Small retention checks so retention drills and tests see deletions within seconds.
    "log.retention.check.interval.ms": 2000,
    "log.segment.delete.delay.ms": 1000,
    "auto.create.topics.enable": "false",
    "delete.topic.enable": "true",
    "unclean.leader.election.enable": "false",
    // Fast failure detection for broker-down drills on three nodes.
    "broker.session.timeout.ms": 6000,
    "broker.heartbeat.interval.ms": 1000,
  };
  const text = Object.entries(props).map(([k, v]) => `${k}=${v}`).join("\n") + "\n";
  fs.writeFileSync(path.join(dir, "server.properties"), text);
  return { dir, propsFile: path.join(dir, "server.properties"), clusterId };
}

function logConfigArgs(settings) {
  const cfgDir = path.join(settings.root, "cache");
  fs.mkdirSync(cfgDir, { recursive: true });
  if (isKafka4(settings.version)) {
    const file = path.join(cfgDir, "log4j2.properties");
    fs.writeFileSync(
      file,
      [
        "status = warn",
        "appender.out.type = Console",
        "appender.out.name = STDOUT",
        "appender.out.layout.type = PatternLayout",
        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.out.ref = STDOUT",
        "logger.kafka.name = kafka",
        "logger.kafka.level = INFO",
        "logger.apache.name = org.apache.kafka",
        "logger.apache.level = WARN",
        "",
      ].join("\n"),
    );
    return [`-Dlog4j2.configurationFile=${file}`];
  }
  const file = path.join(cfgDir, "log4j.properties");
  fs.writeFileSync(
    file,
    [
      "log4j.rootLogger=INFO, stdout",
      "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
      "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
      "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
      "log4j.logger.org.apache.kafka=WARN",
      "",
    ].join("\n"),
  );
  return [`-Dlog4j.configuration=file:${file}`];
}

function javaArgs(settings, classpath, agent = []) {
  return [
    ...agent,
    "-Xms256m",
    `-Xmx${settings.heapMax ?? "768m"}`,
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-Djava.awt.headless=true",
    ...logConfigArgs(settings),
    "-cp",
    classpath,
  ];
}

function formatStorage(settings, classpath, node) {
  const result = spawnSync(
    "java",
    [...javaArgs(settings, classpath), "kafka.tools.StorageTool", "format", "-t", node.clusterId, "-c", node.propsFile, "--ignore-formatted"],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`formatting storage of ${node.dir} failed: ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" ")}`);
}

/** The ports a node binds: [port, what it is]. */
function nodePorts(settings, nodeId) {
  return [
    [brokerPort(settings, nodeId), "broker listener"],
    [controllerPort(settings, nodeId), "controller listener"],
    [saslPort(settings, nodeId), "SASL listener"],
    [exporterPort(settings, nodeId), "JMX exporter"],
  ];
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Refuses, in one line, to start a node whose port another process holds. */
async function checkPortsFree(settings, nodeIds) {
  for (const nodeId of nodeIds) {
    for (const [port, what] of nodePorts(settings, nodeId)) {
      if (!(await portFree(port))) throw new UsageError(`cannot start Kafka node ${nodeId}: port ${port} (its ${what}) is already in use by another process`);
    }
  }
}

/**
 * The one line that explains a failed start from the node's log when a port was the cause
 * (Kafka logs "Socket server failed to bind to 127.0.0.1:9192: Address already in use."), else null.
 */
export function bindFailureLine(settings, nodeId, logText) {
  const hit = /failed to bind to \S*?:(\d+)/.exec(logText);
  if (!hit && !/BindException|Address already in use/.test(logText)) return null;
  const port = hit ? Number(hit[1]) : null;
  const what = nodePorts(settings, nodeId).find(([p]) => p === port)?.[1];
  return port === null
    ? `Kafka node ${nodeId} failed to start: one of its ports (${nodePorts(settings, nodeId).map(([p]) => p).join(", ")}) is already in use`
    : `Kafka node ${nodeId} failed to start: port ${port}${what ? ` (its ${what})` : ""} is already in use`;
}

/** The -javaagent argument serving broker `nodeId`'s metrics on its exporter port (loopback only). */
function exporterAgent(settings, nodeId) {
  const jar = resolveJmxExporter(settings);
  return [`-javaagent:${jar}=127.0.0.1:${exporterPort(settings, nodeId)}:${path.join(here, "jmx-exporter.yml")}`];
}

export function startNodeProcess(settings, classpath, nodeId) {
  const dir = nodeDir(settings, nodeId);
  const logFd = fs.openSync(path.join(dir, "server.log"), "a");
  const child = spawn("java", [...javaArgs(settings, classpath, exporterAgent(settings, nodeId)), "kafka.Kafka", path.join(dir, "server.properties")], {
    detached: true,
    stdio: ["ignore", logFd, logFd],
  });
  child.unref();
  fs.closeSync(logFd);
  fs.writeFileSync(path.join(dir, "pid"), String(child.pid));
  return child.pid;
}

async function waitForBrokers(settings, nodeIds, deadline) {
  for (const nodeId of nodeIds) {
    for (;;) {
      const pid = nodePid(settings, nodeId);
      if (!pidAlive(pid)) {
        const log = path.join(nodeDir(settings, nodeId), "server.log");
        const text = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
        const bind = bindFailureLine(settings, nodeId, text.slice(-20_000));
        if (bind) throw new UsageError(`${bind} (log: ${log})`);
        const tail = text.trim().split("\n").slice(-5).join("\n");
        throw new Error(`Kafka node ${nodeId} exited during start-up; last log lines (${log}):\n${tail}`);
      }
      if (
        (await brokerAnswers(brokerPort(settings, nodeId))) &&
        (await registeredBrokers(brokerPort(settings, nodeId))) >= settings.nodes &&
        (await exporterAnswers(exporterPort(settings, nodeId)))
      )
        break;
      if (Date.now() > deadline) throw new Error(`Kafka node ${nodeId} did not answer on port ${brokerPort(settings, nodeId)} with all ${settings.nodes} broker(s) registered within ${settings.startTimeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

export function runningCluster(settings) {
  const state = readState(settings);
  if (!state) return null;
  const alive = Array.from({ length: state.nodes }, (_, i) => i + 1).filter((id) => pidAlive(nodePid(settings, id)));
  return alive.length ? { ...state, alive } : null;
}

/**
 * A KRaft cluster id: 16 random bytes in URL-safe base64, as Kafka's Uuid.randomUuid makes
 * them. Like Kafka, never one starting with "-": kafka-storage's argument parser would read
 * `-t -abc…` as a flag and fail with "expected one argument" (seen in CI, 1 start in 64).
 */
export function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString("base64url").slice(0, 22);
    if (!id.startsWith("-")) return id;
  }
}

/** Starts the cluster unless it already runs; returns {started, bootstrap}. */
export async function up(settings, log = console.error) {
  checkPrerequisites();
  const running = runningCluster(settings);
  if (running) {
    if (running.version !== settings.version || running.nodes !== settings.nodes)
      throw new UsageError(
        `Kafka ${running.version} with ${running.nodes} node(s) already runs on port ${settings.port}; run "npm run kafka:down" first`,
      );
    const classpath = resolveClasspath(settings, log);
    resolveJmxExporter(settings, log);
    if (running.exporter !== JMX_EXPORTER_VERSION) {
      // Started by an older harness without the metrics agent: restart each node with it (data kept).
      log(`restarting Kafka on port ${settings.port} to add the JMX exporter agent…`);
      for (const id of [...running.alive].reverse()) await stopNode(settings, id);
      writeState(settings, running.clusterId);
      running.alive = [];
    }
    const missing = Array.from({ length: settings.nodes }, (_, i) => i + 1).filter((id) => !running.alive.includes(id));
    await checkPortsFree(settings, missing);
    for (const id of missing) startNodeProcess(settings, classpath, id);
    await waitForBrokers(settings, Array.from({ length: settings.nodes }, (_, i) => i + 1), Date.now() + settings.startTimeoutMs);
    log(`Kafka ${settings.version} already running at ${bootstrapServers(settings)}`);
    return { started: false, bootstrap: bootstrapServers(settings) };
  }
  await checkPortsFree(settings, Array.from({ length: settings.nodes }, (_, i) => i + 1));
  const classpath = resolveClasspath(settings, log);
  resolveJmxExporter(settings, log);
  const previous = readState(settings);
  // Data formatted by another version or cluster shape cannot be reused: start clean.
  if (previous && (previous.version !== settings.version || previous.nodes !== settings.nodes)) {
    fs.rmSync(settings.clusterDir, { recursive: true, force: true });
  }
  const clusterId = readState(settings)?.clusterId || newClusterId();
  fs.mkdirSync(settings.clusterDir, { recursive: true });
  const nodeIds = Array.from({ length: settings.nodes }, (_, i) => i + 1);
  const nodes = nodeIds.map((id) => writeNodeConfig(settings, id, clusterId));
  for (const node of nodes) formatStorage(settings, classpath, node);
  writeState(settings, clusterId);
  const started = Date.now();
  for (const id of nodeIds) startNodeProcess(settings, classpath, id);
  await waitForBrokers(settings, nodeIds, started + settings.startTimeoutMs);
  log(`Kafka ${settings.version} (${settings.nodes} node${settings.nodes > 1 ? "s" : ""}) up at ${bootstrapServers(settings)} in ${((Date.now() - started) / 1000).toFixed(1)} s; logs in ${settings.clusterDir}`);
  return { started: true, bootstrap: bootstrapServers(settings) };
}

export async function stopNode(settings, nodeId, { signal = "SIGTERM", timeoutMs = 30000 } = {}) {
  const pid = nodePid(settings, nodeId);
  if (!pidAlive(pid)) return false;
  process.kill(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (pidAlive(pid)) process.kill(pid, "SIGKILL");
  while (pidAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  return true;
}

export async function startNode(settings, nodeId) {
  const classpath = resolveClasspath(settings);
  await checkPortsFree(settings, [nodeId]);
  startNodeProcess(settings, classpath, nodeId);
  await waitForBrokers(settings, [nodeId], Date.now() + settings.startTimeoutMs);
}

export async function down(settings, { clean = false } = {}, log = console.error) {
  const state = readState(settings);
  const nodes = state?.nodes ?? settings.nodes;
  let stopped = 0;
  // Stop in reverse so the last controller standing shuts down cleanly.
  for (let id = nodes; id >= 1; id--) if (await stopNode(settings, id)) stopped++;
  if (clean) fs.rmSync(settings.clusterDir, { recursive: true, force: true });
  log(stopped ? `stopped ${stopped} Kafka node(s) on port ${settings.port}` : `no Kafka running on port ${settings.port}`);
  return stopped;
}
