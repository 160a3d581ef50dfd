import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { uniqueName } from "../helpers";
import { SASL_USER } from "../../../scripts/kafka/local-kafka.mjs";
import { brokers, createTopics, deleteQuietly, gatewayFor, kafkaFor, produce, saslBrokers } from "./fixtures";

const root = path.resolve(__dirname, "../../..");
/**
 * The CLI as npm runs it: compiled (scripts/cli/build.mjs), started with Node. Start-up still
 * takes seconds on 2 busy cores, so timings are taken relative to a run that exits right after
 * start-up (a bad flag): the Kafka part must end within the connect timeout plus a small margin.
 */
const MARGIN_MS = 2500;
const startupMs = () => evidence(["--bogus"]).ms;

function evidence(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["-C", "react-server", "scripts/cli/run.mjs", "evidence", ...args], { cwd: root, encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });
  return { ...result, ms: Date.now() - started };
}

describe("evidence CLI", () => {
  const kafka = kafkaFor();
  const topic = uniqueName("it-cli");
  const group = uniqueName("it-cli-group");
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 2, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 10, 1: 4 });
    const gateway = gatewayFor();
    await gateway.resetGroupOffsets(group, topic, { 0: 3, 1: 4 });
    await gateway.close();
  });

  afterAll(async () => {
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
  });

  it("prints the JSON bundle of docs/contracts.md §3", () => {
    const run = evidence(["--brokers", brokers()[0]!, "--group", group, "--topic", topic, "--window", "2", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const bundle = JSON.parse(run.stdout);
    expect(new Date(bundle.takenAt).toISOString()).toBe(bundle.takenAt);
    const logDir = { path: expect.stringMatching(/\/node-1\/data$/), usedBytes: expect.any(Number), totalBytes: expect.any(Number), usableBytes: expect.any(Number), error: null };
    expect(bundle.cluster.brokers[0]).toEqual({ nodeId: 1, host: expect.any(String), port: expect.any(Number), logDirs: [logDir] });
    expect(bundle.cluster.brokers[0].logDirs[0].usedBytes).toBeGreaterThan(0);
    expect(typeof bundle.cluster.controllerId).toBe("number");
    // The KRaft quorum answers who the active controller is (the harness's single combined node).
    expect(bundle.cluster.controller).toEqual({ activeId: 1, epoch: expect.any(Number), changes: 0, voters: [{ id: 1, lagRecords: 0 }], observers: [] });
    expect(bundle.samples).toBeGreaterThanOrEqual(2);
    const t = bundle.topics.find((x: { name: string }) => x.name === topic);
    expect(t.configs["cleanup.policy"]).toBe("delete");
    expect(t.partitions[0]).toMatchObject({ partition: 0, leader: expect.any(Number), replicas: expect.any(Array), isr: expect.any(Array), logStartOffset: 0, logEndOffset: 10, lastStableOffset: 10, inputRatePerSec: 0 });
    expect(t.partitions[0].sizeBytes).toBeGreaterThan(0);
    expect(bundle.groups).toHaveLength(1);
    expect(bundle.groups[0]).toMatchObject({ groupId: group, state: "Empty", protocol: "classic", members: 0, totalLag: 7, timeLagSeconds: expect.any(Number) });
    expect(bundle.groups[0].partitions[0]).toEqual({ topic, partition: 0, committedOffset: 3, logEndOffset: 10, lastStableOffset: 10, lag: 7, consumeRatePerSec: 0, status: "stopped", timeLagSeconds: expect.any(Number) });
    // A memberless group with frozen offsets and lag: the diagnosis names it, causes best first.
    const scoped = bundle.diagnosis.find((d: { scope: { kind: string; name: string } }) => d.scope.kind === "group" && d.scope.name === group);
    expect(scoped.causes.map((c: { id: string }) => c.id)).toContain("consumer.stopped");
    const scores = scoped.causes.map((c: { score: number }) => c.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(["SEV1", "SEV2", "SEV3", "SEV4"]).toContain(bundle.severity.proposed);
    expect(Array.isArray(bundle.severity.reasons)).toBe(true);
  });

  it("prints Markdown by default", () => {
    const run = evidence(["--brokers", brokers()[0]!, "--group", group, "--window", "0"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Evidence bundle/);
    expect(run.stdout).toContain(`### ${group}`);
    expect(run.stdout).toMatch(/KRaft; active controller 1 \(epoch \d+, 0 election\(s\) in the window\), voters 1, all caught up/);
    expect(run.stdout).not.toContain("not necessarily the active controller");
  });

  it("fails fast with one line when the cluster is unreachable", () => {
    const baseline = startupMs();
    const run = evidence(["--brokers", "127.0.0.1:1", "--json"], { KAFKA_CONNECT_TIMEOUT_MS: "2000" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual(["evidence: cannot reach Kafka at 127.0.0.1:1: connection refused"]);
    expect(run.ms - baseline).toBeLessThan(2000 + MARGIN_MS);
  });

  it("gives up within the connect timeout on a host that never answers", () => {
    // 192.0.2.0/24 is TEST-NET-1: packets go nowhere, so only the connect timeout ends the attempt.
    const baseline = startupMs();
    const run = evidence(["--brokers", "192.0.2.1:9092", "--timeout", "1500"]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^evidence: (cannot reach Kafka at 192\.0\.2\.1:9092|Kafka at 192\.0\.2\.1:9092 did not answer)/);
    expect(run.ms - baseline).toBeLessThan(1500 + MARGIN_MS);
  });

  it("a wrong SASL password: one line naming the failed authentication, exit 1, within the timeout", () => {
    const baseline = startupMs();
    const sasl = { KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: SASL_USER.username };
    const run = evidence(["--brokers", saslBrokers()[0]!, "--json", "--timeout", "3000"], { ...sasl, KAFKA_SASL_PASSWORD: "not-the-password" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^evidence: authentication to Kafka at 127\.0\.0\.1:\d+ failed: SASL PLAIN authentication failed: .*Invalid username or password/);
    expect(run.ms - baseline).toBeLessThan(3000 + MARGIN_MS);
    // The same listener and user with the right password: the failure above was the password.
    const good = evidence(["--brokers", saslBrokers()[0]!, "--topic", topic, "--window", "0", "--json"], { ...sasl, KAFKA_SASL_PASSWORD: SASL_USER.password });
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).topics.map((t: { name: string }) => t.name)).toEqual([topic]);
  });

  it("runs compiled, and a source changed since the last build is compiled again before it runs", () => {
    const bundle = path.join(root, ".cli", "evidence.mjs");
    expect(evidence(["--bogus"]).status).toBe(2);
    const builtAt = fs.statSync(bundle).mtimeMs;
    const source = path.join(root, "lib", "domain", "evidence", "bundle.ts");
    const original = fs.statSync(source);
    const later = new Date(Math.max(Date.now(), builtAt) + 2000);
    fs.utimesSync(source, later, later);
    let run: ReturnType<typeof evidence>;
    try {
      run = evidence(["--bogus"]);
    } finally {
      // Put the source's time back: a lib/ file newer than .next/BUILD_ID makes every later
      // test that starts the production server refuse the build as stale.
      fs.utimesSync(source, original.atime, original.mtime);
    }
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^evidence: unknown flag --bogus/)]);
    expect(fs.statSync(bundle).mtimeMs).toBeGreaterThan(builtAt);
    expect(fs.readFileSync(bundle, "utf8")).toMatch(/^\/\/ built by scripts\/cli\/build\.mjs from scripts\/evidence\.ts/);
  });

  it("names the bad flag and exits 2", () => {
    for (const args of [["--brokers", "nope"], ["--brokers", "127.0.0.1:9092", "--window", "-1"], ["--brokers", "127.0.0.1:9092", "--bogus"], []]) {
      const run = evidence(args);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^evidence: .*--(brokers|window|bogus)/);
    }
  });
});
