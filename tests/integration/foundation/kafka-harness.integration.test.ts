import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { down, exporterAnswers, exporterPort, kafkaSettings, nodePid, runningCluster } from "../../../scripts/kafka/local-kafka.mjs";
import { portOf } from "../../../scripts/lib/ports.mjs";

const root = path.resolve(__dirname, "../../..");
// Its own single node (controller on +100, SASL on +200), clear of the run's other clusters.
const env = { ...process.env, KAFKA_PORT: String(portOf("KAFKA_HARNESS_TEST_PORT", 9960)), KAFKA_NODES: "1" };
const settings = kafkaSettings(env);

function cli(command: string, extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["scripts/kafka/cli.mjs", command], { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8" });
}

/** docs/contracts.md §2 and the Foundation issue: `kafka:up` is safe to repeat, and says what is missing. */
describe("the local Kafka harness (npm run kafka:up / kafka:down)", () => {
  afterAll(async () => {
    await down(settings, { clean: true }, () => {});
  }, 120_000);

  it("without Java or Maven on PATH: one line naming both, non-zero exit", () => {
    const result = cli("up", { PATH: "/nonexistent" });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toEqual(["kafka: cannot start local Kafka: missing Java 17+ (java not found on PATH) and Maven (mvn not found on PATH)"]);
    expect(runningCluster(settings)).toBeNull();
  });

  it("a node whose controller port another process holds: one line naming the port, non-zero exit, nothing left running", async () => {
    const controllerPort = settings.port + 100;
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(controllerPort, "127.0.0.1", resolve));
    try {
      const result = cli("up");
      expect(result.status).not.toBe(0);
      expect(result.stderr.trim().split("\n")).toEqual([`kafka: cannot start Kafka node 1: port ${controllerPort} (its controller listener) is already in use by another process`]);
      expect(runningCluster(settings)).toBeNull();
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 180_000);

  it("a second kafka:up while one runs does no harm: same process, same address", async () => {
    const first = cli("up");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe(`127.0.0.1:${settings.port}`);
    const pid = nodePid(settings, 1);
    expect(runningCluster(settings)?.alive).toEqual([1]);
    // Kafka's own log has real lines (the SLF4J binding matches the API on the classpath).
    const log = fs.readFileSync(path.join(settings.clusterDir, "node-1", "server.log"), "utf8");
    expect(log).not.toContain("SLF4J: Defaulting to no-operation");
    expect(log).toMatch(/INFO \[KafkaRaftServer nodeId=1\] Kafka Server started/);

    const second = cli("up");
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe(`127.0.0.1:${settings.port}`);
    expect(second.stderr).toContain("already running");
    expect(nodePid(settings, 1)).toBe(pid);
    expect(await exporterAnswers(exporterPort(settings, 1))).toBe(true);

    // A node started by a harness without the JMX exporter agent is restarted with it (data kept).
    const stateFile = path.join(settings.clusterDir, "state.json");
    const { exporter: _exporter, ...older } = JSON.parse(fs.readFileSync(stateFile, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(stateFile, JSON.stringify(older));
    const third = cli("up");
    expect(third.status, third.stderr).toBe(0);
    expect(third.stderr).toContain("to add the JMX exporter agent");
    expect(nodePid(settings, 1)).not.toBe(pid);
    expect(runningCluster(settings)?.clusterId).toBe(older.clusterId);
    expect(await exporterAnswers(exporterPort(settings, 1))).toBe(true);

    const stopped = cli("down");
    expect(stopped.status).toBe(0);
    expect(stopped.stderr).toContain(`stopped 1 Kafka node(s) on port ${settings.port}`);
    expect(runningCluster(settings)).toBeNull();
  }, 180_000);
});
