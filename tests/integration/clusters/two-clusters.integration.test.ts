import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapServers, DEFAULT_KAFKA_VERSION, down, kafkaSettings, SASL_USER, saslPort, stopNode, up } from "../../../scripts/kafka/local-kafka.mjs";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { testDatabase } from "../../../scripts/lib/test-database.mjs";
import { GET as listClustersRoute } from "@/app/api/clusters/route";
import { GET as overviewRoute } from "@/app/api/cluster/route";
import { GET as groupRoute } from "@/app/api/cluster/groups/[groupId]/route";
import { GET as topicRoute } from "@/app/api/cluster/topics/[topic]/route";
import { GET as historyRoute } from "@/app/api/cluster/history/route";
import { GET as brokerChartsRoute } from "@/app/api/cluster/broker-charts/route";
import { POST as openRoute } from "@/app/api/incidents/route";
import { GET as evaluationRoute } from "@/app/api/incidents/[id]/severity/evaluation/route";
import { POST as webhookRoute } from "@/app/api/alerts/webhook/route";
import { POST as alertmanagerRoute } from "@/app/api/alerts/alertmanager/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import type { ClusterOverview, GroupDetail, HistoryResponse, TopicDetail } from "@/lib/schemas/cluster";
import type { ClusterList } from "@/lib/schemas/clusters";
import type { SeverityEvaluationView } from "@/lib/schemas/severity";
import { resetEnvForTests } from "@/lib/server/env";
import { getSampler, stopSamplers } from "@/lib/server/evidence/get-sampler";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { uniqueName, waitFor } from "../helpers";
import { ctx, get, post, signedIn } from "../incidents/support";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";

/**
 * Issue 18: one Ripcord, two real local clusters of different Kafka lines at once, read through
 * a clusters file. The second cluster is reached on its SASL listener, its password named by an
 * environment variable, so the test can look for the secret in every answer and log line.
 */
const secondVersion = (process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION).startsWith("3.") ? DEFAULT_KAFKA_VERSION : "3.9.2";
const second = kafkaSettings({ ...process.env, KAFKA_PORT: String(portOf("KAFKA_SECOND_CLUSTER_PORT", 7610)), KAFKA_VERSION: secondVersion, KAFKA_NODES: "1" });
const PASSWORD_VAR = "RIPCORD_IT_SECOND_KAFKA_PASSWORD";

describe("two Kafka clusters in one Ripcord", () => {
  const previous = { brokers: process.env.KAFKA_BROKERS, file: process.env.RIPCORD_CLUSTERS_FILE };
  const firstBrokers = process.env.KAFKA_BROKERS!.split(",");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ripcord-clusters-"));
  const clustersFile = path.join(dir, "clusters.yaml");
  const seen: string[] = [];
  const captured: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  let admin: Awaited<ReturnType<typeof signedIn>>;
  const firstTopic = uniqueName("first-orders");
  const secondTopic = uniqueName("second-orders");
  const firstGroup = `${firstTopic}-reader`;
  const secondGroup = `${secondTopic}-reader`;

  const read = async <T>(res: Response | Promise<Response>): Promise<{ status: number; body: T }> => {
    const r = await res;
    const text = await r.text();
    seen.push(text);
    return { status: r.status, body: JSON.parse(text) as T };
  };
  const clusters = () => read<ClusterList>(listClustersRoute(get("/api/clusters", admin.cookie), ctx()));

  beforeAll(async () => {
    await up(second, () => {});
    fs.writeFileSync(
      clustersFile,
      [
        "default: main",
        "clusters:",
        "  - name: main",
        `    brokers: [${firstBrokers.map((b) => `"${b}"`).join(", ")}]`,
        "    environment: non-production",
        "  - name: second",
        `    brokers: ["127.0.0.1:${saslPort(second, 1)}"]`,
        "    environment: production",
        `    sasl: { mechanism: plain, username: ${SASL_USER.username}, passwordEnv: ${PASSWORD_VAR} }`,
        "",
      ].join("\n"),
    );
    process.env[PASSWORD_VAR] = SASL_USER.password;
    delete process.env.KAFKA_BROKERS;
    process.env.RIPCORD_CLUSTERS_FILE = clustersFile;
    stopSamplers();
    await closeAllGateways();
    resetEnvForTests();
    // every log line this process writes from here on
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (captured.push(String(chunk)), writes.out(chunk, ...rest))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (captured.push(String(chunk)), writes.err(chunk, ...rest))) as typeof process.stderr.write;
    admin = await signedIn("admin");

    // a lagging group on each cluster, of different names
    for (const [list, topic, group] of [[firstBrokers, firstTopic, firstGroup], [bootstrapServers(second).split(","), secondTopic, secondGroup]] as const) {
      const kafka = kafkaFor([...list]);
      const a = kafka.admin();
      await a.connect();
      try {
        await createTopics(a, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
        await produce(kafka, topic, { 0: 300 });
        await a.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "100" }] });
      } finally {
        await a.disconnect();
      }
    }
  }, 240_000);

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    stopSamplers();
    await closeAllGateways();
    const a = kafkaFor(firstBrokers).admin();
    await a.connect();
    await deleteQuietly(a, [firstTopic], [firstGroup]);
    await a.disconnect();
    process.env.KAFKA_BROKERS = previous.brokers;
    if (previous.file === undefined) delete process.env.RIPCORD_CLUSTERS_FILE;
    else process.env.RIPCORD_CLUSTERS_FILE = previous.file;
    delete process.env[PASSWORD_VAR];
    resetEnvForTests();
    await down(second, { clean: true }, () => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it("lists both clusters, each connected through its own sampler, with the environment the file gives and no credential", async () => {
    const { status, body } = await waitFor(clusters, (r) => r.body.clusters.every((c) => c.health.state === "connected"), { what: "both clusters connected", timeoutMs: 60_000 });
    expect(status).toBe(200);
    expect(body.defaultCluster).toBe("main");
    expect(body.clusters.map((c) => [c.name, c.default, c.environment, c.environmentSource, c.health.brokerCount])).toEqual([
      ["main", true, "non-production", "clusters-file", 1],
      ["second", false, "production", "clusters-file", 1],
    ]);
    expect(body.clusters[1]?.sasl).toEqual({ mechanism: "plain", username: SASL_USER.username });
    expect(getSampler("main").latest()?.groups.some((g) => g.groupId === firstGroup)).toBe(true);
    expect(getSampler("second").latest()?.groups.some((g) => g.groupId === secondGroup)).toBe(true);
    expect(getSampler("main").latest()?.groups.some((g) => g.groupId === secondGroup)).toBe(false);
  }, 90_000);

  it("each cluster's pages read its own cluster: ?cluster=second shows the second's group, the default does not; an unknown name is a 404 naming the configured clusters", async () => {
    const overview = (cluster?: string) => read<ClusterOverview>(overviewRoute(get(`/api/cluster${cluster ? `?cluster=${cluster}` : ""}`, admin.cookie), ctx()));
    const groupsOf = (o: { body: ClusterOverview }) => o.body.groups.map((g) => g.groupId);
    const onSecond = await waitFor(() => overview("second"), (r) => r.status === 200 && groupsOf(r).includes(secondGroup), { what: "the second cluster's group on its overview", timeoutMs: 60_000 });
    expect(groupsOf(onSecond)).not.toContain(firstGroup);
    const onDefault = await waitFor(() => overview(), (r) => r.status === 200 && groupsOf(r).includes(firstGroup), { what: "the first cluster's group on the default overview", timeoutMs: 60_000 });
    expect(groupsOf(onDefault)).not.toContain(secondGroup);
    // naming the default cluster is the same as naming none
    expect(groupsOf(await overview("main"))).toContain(firstGroup);

    const group = (cluster: string | null, groupId: string) => read<GroupDetail & { detail?: string }>(groupRoute(get(`/api/cluster/groups/${groupId}${cluster ? `?cluster=${cluster}` : ""}`, admin.cookie), ctx({ groupId })));
    const secondDetail = await group("second", secondGroup);
    expect([secondDetail.status, secondDetail.body.group.totalLag]).toEqual([200, 200]);
    expect((await group(null, secondGroup)).status).toBe(404);
    expect((await group("main", secondGroup)).status).toBe(404);

    const topic = await read<TopicDetail>(topicRoute(get(`/api/cluster/topics/${secondTopic}?cluster=second`, admin.cookie), ctx({ topic: secondTopic })));
    expect([topic.status, topic.body.topic.name]).toEqual([200, secondTopic]);
    expect((await read(topicRoute(get(`/api/cluster/topics/${secondTopic}`, admin.cookie), ctx({ topic: secondTopic })))).status).toBe(404);
    const history = await read<HistoryResponse>(historyRoute(get(`/api/cluster/history?cluster=second&group=${secondGroup}&minutes=5`, admin.cookie), ctx()));
    expect([history.status, history.body.group]).toEqual([200, secondGroup]);

    for (const url of [`/api/cluster?cluster=prod-us`, `/api/cluster/groups/${secondGroup}?cluster=prod-us`, `/api/cluster/topics/${secondTopic}?cluster=prod-us`, `/api/cluster/history?cluster=prod-us&group=${secondGroup}`, `/api/cluster/broker-charts?cluster=prod-us`]) {
      const handler = url.includes("/groups/") ? groupRoute : url.includes("/topics/") ? topicRoute : url.includes("/history") ? historyRoute : url.includes("/broker-charts") ? brokerChartsRoute : overviewRoute;
      const res = await handler(get(url, admin.cookie), ctx(url.includes("/groups/") ? { groupId: secondGroup } : url.includes("/topics/") ? { topic: secondTopic } : {}));
      expect([url, res.status, res.headers.get("content-type")]).toEqual([url, 404, "application/problem+json"]);
      const body = (await res.json()) as { detail: string; configuredClusters: string[] };
      expect(body.detail).toBe('cluster "prod-us" is not configured here (configured: main, second)');
      expect(body.configuredClusters).toEqual(["main", "second"]);
    }
  }, 120_000);

  it("an incident on the second cluster reads only the second cluster's evidence, and an unknown cluster is refused naming it", async () => {
    const opened = await read<{ incident: { id: string; cluster: string } }>(openRoute(post("/api/incidents", { title: "second cluster lag", cluster: "second", scope: { topics: [], groups: [secondGroup, firstGroup] } }, admin.cookie), ctx()));
    expect(opened.status).toBe(201);
    expect(opened.body.incident.cluster).toBe("second");
    const evaluation = await waitFor(
      () => read<SeverityEvaluationView>(evaluationRoute(get(`/api/incidents/${opened.body.incident.id}/severity/evaluation`, admin.cookie), ctx({ id: opened.body.incident.id }))),
      (r) => r.status === 200 && r.body.evidence.groups.length > 0,
      { what: "the incident's evidence", timeoutMs: 60_000 },
    );
    const groups = evaluation.body.evidence.groups.map((g) => g.groupId);
    expect(groups).toContain(secondGroup);
    // the first cluster's group, named in this incident's scope, is not found on the second cluster
    expect(groups).not.toContain(firstGroup);
    expect(evaluation.body.evidence.groups.find((g) => g.groupId === secondGroup)?.totalLag).toBe(200);

    // the new-incident form sends "default": the default cluster, stored by its name
    const byForm = await read<{ incident: { cluster: string } }>(openRoute(post("/api/incidents", { title: "from the form", cluster: "default" }, admin.cookie), ctx()));
    expect([byForm.status, byForm.body.incident.cluster]).toEqual([201, "main"]);

    const unknown = await read<{ detail: string }>(openRoute(post("/api/incidents", { title: "nowhere", cluster: "prod-us" }, admin.cookie), ctx()));
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toBe('cluster "prod-us" is not configured here (configured: main, second)');
  }, 90_000);

  it("an alert labelled with the second cluster opens its incident there; one without a cluster opens on the default", async () => {
    const token = await read<{ token: string }>(createTokenRoute(post("/api/tokens", { name: "webhook", role: "responder", kind: "alert-source" }, admin.cookie), ctx()));
    expect(token.status).toBe(201);
    const send = (alert: Record<string, string>) =>
      read<{ alerts: { outcome: string; incidentId: string | null }[] }>(
        webhookRoute(new Request("http://localhost/api/alerts/webhook", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token.body.token}` }, body: JSON.stringify({ source: "it", alerts: [alert] }) }), ctx()),
      );
    const labelled = await send({ status: "firing", name: "ConsumerLagHigh", summary: "second reader behind", cluster: "second", topic: secondTopic, group: secondGroup });
    const unlabelled = await send({ status: "firing", name: "ConsumerLagHigh", summary: "first reader behind", topic: firstTopic, group: firstGroup });
    expect([labelled.status, unlabelled.status]).toEqual([200, 200]);
    const { db } = await import("@/lib/server/db");
    const rows = await db().incident.findMany({ where: { id: { in: [labelled.body.alerts[0]!.incidentId!, unlabelled.body.alerts[0]!.incidentId!] } }, select: { id: true, cluster: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.cluster]))).toEqual({ [labelled.body.alerts[0]!.incidentId!]: "second", [unlabelled.body.alerts[0]!.incidentId!]: "main" });
  }, 60_000);

  it("an alert naming a cluster that is not configured is refused (422 naming the configured ones); in a mixed batch the known ones are taken and the refused ones named", async () => {
    const token = await read<{ token: string }>(createTokenRoute(post("/api/tokens", { name: "alertmanager", role: "responder", kind: "alert-source" }, admin.cookie), ctx()));
    const deliver = (route: typeof webhookRoute, url: string, body: unknown) =>
      read<{ detail?: string; refusedClusters?: string[]; alerts: { fingerprint: string; outcome: string; incidentId: string | null }[]; refused?: { clusters: string[]; configured: string[] } }>(
        route(new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token.body.token}` }, body: JSON.stringify(body) }), ctx()),
      );
    // a group of its own, so the known alert opens an incident rather than joining the earlier test's
    const amGroup = uniqueName("am-reader");
    const amAlert = (cluster: string, fingerprint: string) => ({
      status: "firing",
      labels: { alertname: "ConsumerLagHigh", cluster, consumergroup: amGroup, topic: secondTopic },
      annotations: { summary: `lag on ${cluster}` },
      startsAt: new Date().toISOString(),
      endsAt: "0001-01-01T00:00:00Z",
      fingerprint,
    });
    const batch = (alerts: unknown[]) => ({ version: "4", groupKey: `{}:{alertname="ConsumerLagHigh"}-${uniqueName("g")}`, status: "firing", receiver: "ripcord", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "http://127.0.0.1:9093", alerts });
    const fp = () => uniqueName("fp").replace(/[^a-z0-9]/g, "").slice(-16);

    const unknownOnly = await deliver(alertmanagerRoute, "/api/alerts/alertmanager", batch([amAlert("prod-us", fp())]));
    expect(unknownOnly.status).toBe(422);
    expect(unknownOnly.body.detail).toBe('cluster "prod-us" is not configured here (configured: main, second)');
    expect(unknownOnly.body.refusedClusters).toEqual(["prod-us"]);

    const knownFp = fp();
    const mixed = await deliver(alertmanagerRoute, "/api/alerts/alertmanager", batch([amAlert("prod-us", fp()), amAlert("second", knownFp), amAlert("prod-ap", fp())]));
    expect(mixed.status).toBe(200);
    expect(mixed.body.refused).toEqual({ clusters: ["prod-ap", "prod-us"], configured: ["main", "second"] });
    expect(mixed.body.alerts.map((a) => a.outcome).sort()).toEqual(["opened", "refused", "refused"]);
    const taken = mixed.body.alerts.find((a) => a.fingerprint === knownFp)!;
    const { db } = await import("@/lib/server/db");
    expect((await db().incident.findUniqueOrThrow({ where: { id: taken.incidentId! }, select: { cluster: true } })).cluster).toBe("second");
    // nothing of the refused alerts was stored
    expect(await db().alertRecord.count({ where: { fingerprint: { in: mixed.body.alerts.filter((a) => a.outcome === "refused").map((a) => a.fingerprint) } } })).toBe(0);

    const webhook = await deliver(webhookRoute, "/api/alerts/webhook", { source: "it", alerts: [{ status: "firing", name: "ConsumerLagHigh", summary: "x", cluster: "staging", group: secondGroup }] });
    expect([webhook.status, webhook.body.detail]).toEqual([422, 'cluster "staging" is not configured here (configured: main, second)']);
  }, 60_000);

  it("the evidence CLI with --cluster second reads the second cluster through the clusters file (SASL, passwordEnv) and never prints the password", () => {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const evidence = (args: string[]) => {
      const run = spawnSync(tsx, ["scripts/evidence.ts", ...args], { encoding: "utf8", timeout: 90_000, env: { ...process.env, KAFKA_BROKERS: "", PROMETHEUS_URL: "" } });
      seen.push(run.stdout, run.stderr);
      return run;
    };
    const run = evidence(["--cluster", "second", "--clusters-file", clustersFile, "--group", secondGroup, "--group", firstGroup, "--window", "0", "--json"]);
    expect([run.status, run.stderr]).toEqual([0, ""]);
    const bundle = JSON.parse(run.stdout) as { groups: { groupId: string; totalLag: number }[]; topics: { name: string }[] };
    expect(bundle.groups.map((g) => [g.groupId, g.totalLag])).toEqual([[secondGroup, 200]]);
    expect(bundle.topics.map((t) => t.name)).toContain(secondTopic);
    expect(bundle.topics.map((t) => t.name)).not.toContain(firstTopic);

    // RIPCORD_CLUSTERS_FILE (set for this process) is read when --clusters-file is not given
    const unknown = evidence(["--cluster", "prod-us", "--json"]);
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([2, "", 'evidence: cluster "prod-us" is not in clusters.yaml (configured: main, second)\n']);
    const both = evidence(["--cluster", "second", "--brokers", firstBrokers[0]!, "--json"]);
    expect([both.status, both.stdout, both.stderr]).toEqual([2, "", "evidence: --cluster and --brokers exclude each other: pass one (clusters configured in clusters.yaml: main, second)\n"]);
    expect([run, unknown, both].map((r) => r.stdout + r.stderr).join("\n")).not.toContain(SASL_USER.password);
  }, 120_000);

  it("the second cluster stopping reads unreachable while the first keeps its sampling cadence; the secret appears in no answer and no log line", async () => {
    const main = getSampler("main");
    const stoppedAt = Date.now();
    await stopNode(second, 1);
    const samplesBefore = main.status().samples;
    const down = await waitFor(clusters, (r) => r.body.clusters.find((c) => c.name === "second")?.health.state === "unreachable", { what: "the second cluster to read unreachable", timeoutMs: 60_000, intervalMs: 250 });
    const secondView = down.body.clusters.find((c) => c.name === "second")!;
    expect(secondView.health.lastError?.code).toMatch(/KAFKA_UNREACHABLE|KAFKA_TIMEOUT/);
    expect(down.body.clusters.find((c) => c.name === "main")?.health.state).toBe("connected");
    // the first cluster's sampler goes on sampling during the outage
    const after = await waitFor(async () => main.status(), (s) => s.samples >= samplesBefore + 3, { what: "three more samples of the first cluster during the outage", timeoutMs: 60_000 });
    const times = main.history().map((x) => x.takenAt).filter((t) => t >= stoppedAt);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // a figure for the note (issue 18 asks for it measured), not an assertion on speed
    console.info(`[figure] first cluster during the second's outage: ${after.samples - samplesBefore} samples, intervals ${gaps.join(", ")} ms (configured ${main.status().fastMs} ms); the second read unreachable ${Date.parse(secondView.health.lastError!.at) - stoppedAt} ms after its broker stopped`);

    const everything = [...seen, ...captured].join("\n");
    expect(everything).toContain(SASL_USER.username);
    expect(everything).not.toContain(SASL_USER.password);
  }, 120_000);

  it("a clusters file with mistakes stops the server with one message naming each line", async () => {
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, ["clusters:", "  - name: main", "    environment: production", "    colour: blue", "  - name: main", "    brokers: [127.0.0.1:1]", "    environment: production", ""].join("\n"));
    const database = testDatabase(`clusters-file-${process.pid}`);
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(portOf("CLUSTERS_FILE_IT_PORT", 3461))], {
      env: { ...process.env, KAFKA_BROKERS: "", RIPCORD_CLUSTERS_FILE: bad, DATABASE_URL: database.url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    database.drop();
    expect(code).toBe(1);
    expect(output).toContain("ripcord: bad.yaml is not a valid clusters file (3 mistakes):");
    expect(output).toContain('bad.yaml:2:5 clusters[0].brokers: "brokers" is required');
    expect(output).toContain('bad.yaml:4:5 clusters[0].colour: unknown key "colour"');
    expect(output).toContain('bad.yaml:5:11 clusters[1].name: cluster "main" is already defined at line 2');
  }, 90_000);
});
