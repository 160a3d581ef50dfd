import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { GET as clusterRoute } from "@/app/api/cluster/route";
import { GET as groupRoute } from "@/app/api/cluster/groups/[groupId]/route";
import { GET as historyRoute } from "@/app/api/cluster/history/route";
import { GET as topicRoute } from "@/app/api/cluster/topics/[topic]/route";
import { GET as healthRoute } from "@/app/api/health/route";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { createApiToken } from "@/lib/server/auth/create-token";
import { resetEnvForTests } from "@/lib/server/env";
import { buildGroupDetail, buildOverview } from "@/lib/server/evidence/build-views";
import { stopSamplers } from "@/lib/server/evidence/get-sampler";
import { samplerState } from "@/lib/server/evidence/sampler-state";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { uniqueName, waitFor } from "../helpers";
import { SASL_USER } from "../../../scripts/kafka/local-kafka.mjs";
import { brokers, createTopics, deleteQuietly, gatewayFor, kafkaFor, produce, saslBrokers } from "../kafka/fixtures";
import { commit, sleep, testSampler } from "./helpers";

/** A gateway whose cluster can be "unplugged": afterwards every call goes to a port nobody answers. */
function switchableGateway() {
  const live = gatewayFor();
  const dead = gatewayFor(["127.0.0.1:1"]);
  let current: KafkaGateway = live;
  const gateway = new Proxy({} as KafkaGateway, { get: (_t, name: keyof KafkaGateway) => (current[name] as (...a: unknown[]) => unknown).bind(current) });
  return { gateway, unplug: () => (current = dead), close: () => Promise.all([live.close(), dead.close()]) };
}

describe("faults", () => {
  const kafka = kafkaFor();
  let admin: Admin;
  const kept = uniqueName("it-ev-kept");
  const doomed = uniqueName("it-ev-doomed");
  const group = uniqueName("it-ev-doomed-g");

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [kept, doomed].map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })));
    await produce(kafka, doomed, { 0: 5, 1: 5 });
    await produce(kafka, kept, { 0: 3 });
    await commit(admin, group, doomed, { 0: 2, 1: 2 });
  });

  afterAll(async () => {
    await deleteQuietly(admin, [kept, doomed], [group]);
    await admin.disconnect();
  });

  it("when the cluster stops answering, the last data stays with its age and the error", async () => {
    const sw = switchableGateway();
    const sampler = testSampler({ gateway: sw.gateway, fastMs: 500, scope: { topics: [kept] } });
    sampler.start();
    try {
      await waitFor(async () => sampler.history().length, (n) => n >= 2, { what: "two samples" });
      const before = sampler.latest()!;
      sw.unplug();
      const started = Date.now();
      const state = await waitFor(async () => samplerState(sampler), (s) => s.lastError !== null, { timeoutMs: 30_000, what: "the failure to show" });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(state.lastError?.code).toBe("KAFKA_UNREACHABLE");
      expect(state.lastError?.message).toMatch(/cannot reach Kafka at 127\.0\.0\.1:1/);
      expect(state.stale).toBe(true);
      expect(sampler.latest()?.takenAt).toBeGreaterThanOrEqual(before.takenAt);
      expect(sampler.history().length).toBeGreaterThanOrEqual(2);
      await sleep(1_000);
      expect(samplerState(sampler).ageSeconds).toBeGreaterThanOrEqual(1);
      expect(buildOverview(sampler.history(), [], 60_000).topics.map((t) => t.name)).toEqual([kept]);
    } finally {
      sampler.stop();
      await sw.close();
    }
  });

  it("a topic deleted mid-collection: sampling and the views go on", async () => {
    const sampler = testSampler({ fastMs: 500, scope: { topics: [kept, doomed], groups: [group] } });
    sampler.start();
    try {
      await waitFor(async () => sampler.history().length, (n) => n >= 2, { what: "two samples" });
      await admin.deleteTopics({ topics: [doomed], timeout: 30_000 });
      const after = await waitFor(
        async () => {
          await sleep(500);
          return sampler.latest() as ClusterSnapshot;
        },
        (s) => !s.topics.some((t) => t.name === doomed),
        { timeoutMs: 30_000, what: "the deleted topic to leave the samples" },
      );
      expect(samplerState(sampler).lastError).toBeNull();
      expect(after.topics.map((t) => t.name)).toEqual([kept]);
      const overview = buildOverview(sampler.history(), [], 60_000);
      expect(overview.topics.map((t) => t.name)).toEqual([kept]);
      // The group still has its commits on the deleted topic: lag is unknown there, not an exception.
      const h = sampler.history();
      expect(() => buildGroupDetail(h, h, group, [], 60_000)).not.toThrow();
    } finally {
      sampler.stop();
    }
  });

  describe("routes", () => {
    let auth: Record<string, string>;
    const saved = { ...process.env };

    beforeAll(async () => {
      auth = { authorization: `Bearer ${(await createApiToken({ name: uniqueName("it-ev"), role: "viewer", kind: "machine" })).token}` };
    });

    afterAll(async () => {
      stopSamplers();
      await closeAllGateways();
      for (const key of ["KAFKA_BROKERS", "KAFKA_CONNECT_TIMEOUT_MS", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      resetEnvForTests();
    });

    const get = (url: string, headers: Record<string, string> = auth) => new Request(`http://localhost${url}`, { headers });
    const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

    it("answers the overview from the real broker, 404 for an unknown group, 401 without credentials", async () => {
      process.env.KAFKA_BROKERS = brokers().join(",");
      resetEnvForTests();
      type Overview = { sampler: { lastSampleAt: number | null }; snapshot: { brokers: unknown[] } | null; topics: { name: string }[] };
      // The sampler may have answered from a sample taken before the topic existed: read until
      // a sample includes it (the sampler collects every few seconds).
      let response = await clusterRoute(get("/api/cluster"), ctx());
      let body = (await response.json()) as Overview;
      for (let i = 0; i < 40 && response.status === 200 && !body.topics.some((t) => t.name === kept); i++) {
        await new Promise((r) => setTimeout(r, 500));
        response = await clusterRoute(get("/api/cluster"), ctx());
        body = (await response.json()) as Overview;
      }
      expect(response.status).toBe(200);
      expect(body.sampler.lastSampleAt).not.toBeNull();
      expect(body.snapshot?.brokers.length).toBeGreaterThan(0);
      expect(body.topics.some((t) => t.name === kept)).toBe(true);
      const missing = await groupRoute(get("/api/cluster/groups/nope"), ctx({ groupId: uniqueName("no-such-group") }));
      expect(missing.status).toBe(404);
      expect((await clusterRoute(get("/api/cluster", {}), ctx())).status).toBe(401);
      const topicDetail = await topicRoute(get(`/api/cluster/topics/${kept}`), ctx({ topic: kept }));
      expect(topicDetail.status).toBe(200);
      expect(((await topicDetail.json()) as { partitions: unknown[] }).partitions).toHaveLength(2);
      const history = await historyRoute(get(`/api/cluster/history?topic=${kept}&minutes=5`), ctx());
      expect(history.status).toBe(200);
      expect(((await history.json()) as { points: unknown[] }).points.length).toBeGreaterThan(0);
      expect((await historyRoute(get(`/api/cluster/history?topic=${kept}&group=x`), ctx())).status).toBe(400);
      stopSamplers();
    });

    it("unreachable bootstrap servers: 503 with a clear message within the timeout, and the server keeps serving", async () => {
      process.env.KAFKA_BROKERS = "127.0.0.1:1";
      process.env.KAFKA_CONNECT_TIMEOUT_MS = "1000";
      resetEnvForTests();
      const started = Date.now();
      const response = await clusterRoute(get("/api/cluster"), ctx());
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toMatch(/problem\+json/);
      const problem = (await response.json()) as { detail: string; kafkaCode: string };
      expect(problem.detail).toMatch(/cannot reach Kafka at 127\.0\.0\.1:1/);
      expect(problem.kafkaCode).toBe("KAFKA_UNREACHABLE");
      const again = await groupRoute(get("/api/cluster/groups/g"), ctx({ groupId: "g" }));
      expect(again.status).toBe(503);
      const health = await healthRoute(get("/api/health", {}), ctx());
      expect(health.status).toBe(200);
    });

    it("a wrong SASL password: 503 naming the failed authentication, health says auth-failed, the server keeps serving", async () => {
      // The local harness's SASL_PLAINTEXT listener (scripts/kafka/local-kafka.mjs) on the real broker.
      process.env.KAFKA_BROKERS = saslBrokers().join(",");
      process.env.KAFKA_SASL_MECHANISM = "plain";
      process.env.KAFKA_SASL_USERNAME = SASL_USER.username;
      process.env.KAFKA_SASL_PASSWORD = "not-the-password";
      process.env.KAFKA_CONNECT_TIMEOUT_MS = "2000";
      resetEnvForTests();
      const started = Date.now();
      const response = await clusterRoute(get("/api/cluster"), ctx());
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(response.status).toBe(503);
      const problem = (await response.json()) as { detail: string; kafkaCode: string };
      expect(problem.kafkaCode).toBe("KAFKA_AUTH_FAILED");
      expect(problem.detail).toMatch(/^authentication to Kafka at 127\.0\.0\.1:\d+ failed: .*Invalid username or password/);
      // /api/health caches its Kafka probe for 2 s: read until the probe with these credentials answers.
      const health = await waitFor(
        async () => (await (await healthRoute(get("/api/health", {}), ctx())).json()) as { database: { status: string }; kafka: { status: string; error: string | null } },
        (h) => h.kafka.status !== "connected" && h.kafka.status !== "unreachable",
        { timeoutMs: 15_000, what: "health to report the credentials" },
      );
      expect(health.database.status).toBe("ok");
      expect(health.kafka.status).toBe("auth-failed");
      expect(health.kafka.error).toMatch(/authentication to Kafka .* failed/);

      // The same listener with the right password serves evidence: the failure was the password.
      process.env.KAFKA_SASL_PASSWORD = SASL_USER.password;
      resetEnvForTests();
      await closeAllGateways();
      const ok = await clusterRoute(get("/api/cluster"), ctx());
      expect(ok.status).toBe(200);
      stopSamplers();
    });
  });
});
