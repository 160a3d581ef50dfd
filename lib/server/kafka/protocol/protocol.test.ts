import { describe, expect, it } from "vitest";
import { decodeAlterClientQuotasV1, encodeAlterClientQuotasV1 } from "./alter-client-quotas";
import { decodeConsumerGroupDescribeV0, encodeConsumerGroupDescribeV0 } from "./consumer-group-describe";
import { decodeDescribeClientQuotasV1, encodeDescribeClientQuotasV1 } from "./describe-client-quotas";
import { decodeDescribeClusterV2, encodeDescribeClusterV2 } from "./describe-cluster";
import { decodeDescribeLogDirs, describeLogDirsVersion, encodeDescribeLogDirs } from "./describe-log-dirs";
import { decodeDescribeQuorumV1, encodeDescribeQuorumV1 } from "./describe-quorum";
import { decodeIncrementalAlterConfigsV1, encodeIncrementalAlterConfigsV1 } from "./incremental-alter-configs";
import { decodeListGroupsV5, encodeListGroupsV5 } from "./list-groups";

/**
 * Bytes exchanged with real brokers (data/scratch capture, kafkajs connection): `request` is
 * the body after kafkajs's header, `response` the payload kafkajs hands to decode (response
 * header tagged fields first). On Kafka 4.3.1: topic fixture-orders (2 partitions, two
 * batches of 5 records each), group fixture-billing with one KIP-848 member "m1" (Java client,
 * group.protocol=consumer), group fixture-classic with one classic member "c1", a client quota
 * producer_byte_rate=1024 on client-id fixture-producer set with kafka-configs. On Kafka 3.9.2
 * the same with fixture-billing a classic group and no quota.
 */
const K43 = {
  listGroups: "AAAAAAAAAAMQZml4dHVyZS1iaWxsaW5nCWNvbnN1bWVyB1N0YWJsZQljb25zdW1lcgAQZml4dHVyZS1jbGFzc2ljCWNvbnN1bWVyB1N0YWJsZQhjbGFzc2ljAAA=",
  consumerGroupDescribeRequest: "AAQQZml4dHVyZS1iaWxsaW5nEGZpeHR1cmUtY2xhc3NpYxZmaXh0dXJlLW5vLXN1Y2gtZ3JvdXAAAA==",
  consumerGroupDescribe: "AAAAAAAEAAAAEGZpeHR1cmUtYmlsbGluZwdTdGFibGUAAAAGAAAABgh1bmlmb3JtAhdiMkRlWm83clJzV2JuRFkzT1Z3c3J3AAAAAAAGA20xCy8xMjcuMC4wLjECD2ZpeHR1cmUtb3JkZXJzAQKKSglCOfRE8pjT075haXagD2ZpeHR1cmUtb3JkZXJzAwAAAAAAAAABAAACikoJQjn0RPKY09O+YWl2oA9maXh0dXJlLW9yZGVycwMAAAAAAAAAAQAAAIAAAAAAAEUvR3JvdXAgZml4dHVyZS1jbGFzc2ljIGlzIG5vdCBhIGNvbnN1bWVyIGdyb3VwLhBmaXh0dXJlLWNsYXNzaWMBAAAAAAAAAAABAYAAAAAAAEUnR3JvdXAgZml4dHVyZS1uby1zdWNoLWdyb3VwIG5vdCBmb3VuZC4WZml4dHVyZS1uby1zdWNoLWdyb3VwAQAAAAAAAAAAAQGAAAAAAAA=",
  logDirs: "AAAAAAAAAAIAADMvd29yay93dC9pc3N1ZS0xNC8ua2Fma2EvY2x1c3Rlci0xMjA5Mi9ub2RlLTEvZGF0YQMPZml4dHVyZS1vcmRlcnMDAAAAAAAAAAAAAAGoAAAAAAAAAAAAAAAAAAEAAAAAAAABqAAAAAAAAAAAAAAAE19fY29uc3VtZXJfb2Zmc2V0cwsAAAAJAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAcAAAAAAAAJsAAAAAAAAAAAAAAAAAAIAAAAAAAAApgAAAAAAAAAAAAAAAAABQAAAAAAAAAAAAAAAAAAAAAAAAAAAAYAAAAAAAAAAAAAAAAAAAAAAAAAAAADAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD7+OdAAAAAAEiD/4AAAAA==",
  quorumRequest: "AAITX19jbHVzdGVyX21ldGFkYXRhAgAAAAAAAAA=",
  quorum: "AAAAAhNfX2NsdXN0ZXJfbWV0YWRhdGECAAAAAAAAAAAAAQAAAAIAAAAAAAAIgAIAAAABAAAAAAAACIAAAAGiMRRVkgAAAaIxFFWSAAEAAAA=",
  cluster: "AAAAAAAAAAABF3ZfTS1OMDFlb3hWUW1kU3FIMHU5cWcAAAABAgAAAAEKMTI3LjAuMC4xAAAvPAAAAIAAAAAA",
  quotas: "AAAAAAAAAAECAgpjbGllbnQtaWQRZml4dHVyZS1wcm9kdWNlcgACE3Byb2R1Y2VyX2J5dGVfcmF0ZUCQAAAAAAAAAAAA",
  alterRequest: "AAICD2ZpeHR1cmUtb3JkZXJzAw1yZXRlbnRpb24ubXMACDM2MDAwMDAAC3NlZ21lbnQubXMBAAAAAAA=",
  alter: "AAAAAAACAAAAAg9maXh0dXJlLW9yZGVycwAA",
  // AlterClientQuotas v1 over a plain socket (the body below, header v2): set, then a refused
  // entity type, then the removal; DescribeClientQuotas read the quota back between them.
  quotaSetRequest: "AAICCmNsaWVudC1pZBFmaXh0dXJlLXByb2R1Y2VyAAITcHJvZHVjZXJfYnl0ZV9yYXRlQJAAAAAAAAAAAAAAAA==",
  quotaSet: "AAAAAAACAAAAAgpjbGllbnQtaWQRZml4dHVyZS1wcm9kdWNlcgAAAA==",
  quotaRefused: "AAAAAAACACozVW5oYW5kbGVkIGNsaWVudCBxdW90YSBlbnRpdHkgdHlwZTogbm8tc3VjaC1lbnRpdHkCD25vLXN1Y2gtZW50aXR5AngAAAA=",
  quotaRemoveRequest: "AAICCmNsaWVudC1pZBFmaXh0dXJlLXByb2R1Y2VyAAITcHJvZHVjZXJfYnl0ZV9yYXRlAAAAAAAAAAABAAAAAA==",
};
const K39 = {
  listGroups: "AAAAAAAAAAIQZml4dHVyZS1iaWxsaW5nCWNvbnN1bWVyB1N0YWJsZQhjbGFzc2ljAAA=",
  consumerGroupDescribe: "AAAAAAADACMAEGZpeHR1cmUtYmlsbGluZwEAAAAAAAAAAAEBgAAAAAAAIwAWZml4dHVyZS1uby1zdWNoLWdyb3VwAQAAAAAAAAAAAQGAAAAAAAA=",
  quorum: "AAAAAhNfX2NsdXN0ZXJfbWV0YWRhdGECAAAAAAAAAAAAAQAAAAEAAAAAAAAApgIAAAABAAAAAAAAAKYAAAGiMRN5rwAAAaIxE3mvAAEAAAA=",
  quotas: "AAAAAAAAAAEBAA==",
};
const b64 = (s: string) => Buffer.from(s, "base64");

describe("ListGroups v5", () => {
  it("encodes empty state and type filters (every group)", () => {
    expect(encodeListGroupsV5().toString("base64")).toBe("AAEBAA==");
  });
  it("tells a KIP-848 group from a classic one, though both have protocol type consumer", () => {
    expect(decodeListGroupsV5(b64(K43.listGroups))).toEqual({
      errorCode: 0,
      groups: [
        { groupId: "fixture-billing", protocolType: "consumer", groupState: "Stable", groupType: "consumer" },
        { groupId: "fixture-classic", protocolType: "consumer", groupState: "Stable", groupType: "classic" },
      ],
    });
    expect(decodeListGroupsV5(b64(K39.listGroups)).groups).toEqual([{ groupId: "fixture-billing", protocolType: "consumer", groupState: "Stable", groupType: "classic" }]);
  });
});

describe("ConsumerGroupDescribe v0", () => {
  it("encodes the group ids the broker answered", () => {
    expect(encodeConsumerGroupDescribeV0(["fixture-billing", "fixture-classic", "fixture-no-such-group"]).toString("base64")).toBe(K43.consumerGroupDescribeRequest);
  });
  it("decodes a mixed request group by group: the consumer group in full, the classic and the unknown one with their own errors", () => {
    const { groups } = decodeConsumerGroupDescribeV0(b64(K43.consumerGroupDescribe));
    expect(groups.map((g) => [g.groupId, g.errorCode])).toEqual([["fixture-billing", 0], ["fixture-classic", 69], ["fixture-no-such-group", 69]]);
    expect(groups[1]?.errorMessage).toBe("Group fixture-classic is not a consumer group.");
    const billing = groups[0]!;
    expect(billing).toMatchObject({ groupState: "Stable", assignorName: "uniform" });
    expect(billing.assignmentEpoch).toBe(billing.groupEpoch);
    expect(billing.members).toHaveLength(1);
    const m1 = billing.members[0]!;
    expect(m1).toMatchObject({ clientId: "m1", clientHost: "/127.0.0.1", instanceId: null, rackId: null, subscribedTopicNames: ["fixture-orders"], memberEpoch: billing.groupEpoch });
    expect(m1.assignment.map((t) => [t.topicName, t.partitions])).toEqual([["fixture-orders", [0, 1]]]);
    expect(m1.targetAssignment).toEqual(m1.assignment);
    expect(m1.assignment[0]?.topicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
  it("a 3.9 broker without the consumer protocol enabled answers every group UNSUPPORTED_VERSION", () => {
    expect(decodeConsumerGroupDescribeV0(b64(K39.consumerGroupDescribe)).groups.map((g) => g.errorCode)).toEqual([35, 35]);
  });
  it("names a truncated response instead of reading garbage", () => {
    const bytes = b64(K43.consumerGroupDescribe);
    expect(() => decodeConsumerGroupDescribeV0(bytes.subarray(0, 60))).toThrow(/ConsumerGroupDescribe v0 response truncated/);
  });
});

describe("DescribeLogDirs v4", () => {
  it("asks for every topic (null topics)", () => {
    expect([...encodeDescribeLogDirs()]).toEqual([0, 0, 0]);
  });
  it("decodes the directory, its volume's total and usable bytes and each replica's size", () => {
    const { errorCode, dirs } = decodeDescribeLogDirs(4)(b64(K43.logDirs));
    expect(errorCode).toBe(0);
    expect(dirs).toHaveLength(1);
    const dir = dirs[0]!;
    expect(dir.errorCode).toBe(0);
    expect(dir.path).toMatch(/\/cluster-\d+\/node-1\/data$/);
    expect(dir.totalBytes).toBeGreaterThan(dir.usableBytes);
    expect(dir.usableBytes).toBeGreaterThan(0);
    const orders = dir.topics.find((t) => t.topic === "fixture-orders");
    // Two batches of 5 records on each partition: the same bytes on both.
    expect(orders?.partitions.map((p) => [p.partition, p.sizeBytes, p.offsetLag, p.isFuture])).toEqual([[0, 424, 0, false], [1, 424, 0, false]]);
    expect(dir.topics.find((t) => t.topic === "__consumer_offsets")?.partitions).toHaveLength(10);
  });
  it("picks the newest version both sides speak", () => {
    expect(describeLogDirsVersion({ minVersion: 1, maxVersion: 5 })).toBe(4);
    expect(describeLogDirsVersion({ minVersion: 0, maxVersion: 3 })).toBe(3);
    expect(describeLogDirsVersion({ minVersion: 0, maxVersion: 1 })).toBeNull();
    expect(describeLogDirsVersion(undefined)).toBeNull();
  });
});

describe("DescribeQuorum v1", () => {
  it("asks for the metadata partition", () => {
    expect(encodeDescribeQuorumV1().toString("base64")).toBe(K43.quorumRequest);
  });
  it("decodes the active controller, its epoch and the voters (one combined node here)", () => {
    for (const bytes of [K43.quorum, K39.quorum]) {
      const q = decodeDescribeQuorumV1(b64(bytes));
      expect(q).toMatchObject({ errorCode: 0, partitionErrorCode: 0, leaderId: 1, observers: [] });
      expect(q.leaderEpoch).toBeGreaterThanOrEqual(1);
      expect(q.voters.map((v) => v.replicaId)).toEqual([1]);
      expect(q.voters[0]?.logEndOffset).toBe(q.highWatermark);
      expect(q.voters[0]?.lastCaughtUpTimestamp).toBeGreaterThan(Date.UTC(2024, 0, 1));
    }
  });
});

describe("DescribeCluster v2", () => {
  it("asks for brokers, fenced ones included", () => {
    expect([...encodeDescribeClusterV2()]).toEqual([0, 0, 1, 1, 0]);
  });
  it("decodes the registered brokers with their fenced flag", () => {
    const d = decodeDescribeClusterV2(b64(K43.cluster));
    expect(d.errorCode).toBe(0);
    expect(d.brokers).toEqual([{ brokerId: 1, host: "127.0.0.1", port: d.brokers[0]!.port, rack: null, isFenced: false }]);
    expect(d.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe("DescribeClientQuotas v1", () => {
  it("asks for every quota", () => {
    expect(encodeDescribeClientQuotasV1().toString("base64")).toBe("AAEAAA==");
  });
  it("decodes the entity and its values as kafka-configs set them", () => {
    expect(decodeDescribeClientQuotasV1(b64(K43.quotas)).entries).toEqual([{ entity: [{ entityType: "client-id", entityName: "fixture-producer" }], values: { producer_byte_rate: 1024 } }]);
    expect(decodeDescribeClientQuotasV1(b64(K39.quotas))).toMatchObject({ errorCode: 0, entries: [] });
  });
});

describe("IncrementalAlterConfigs v1", () => {
  it("encodes a set and a delete of named configs only", () => {
    expect(encodeIncrementalAlterConfigsV1([{ resourceType: 2, resourceName: "fixture-orders", changes: { "retention.ms": "3600000", "segment.ms": null } }]).toString("base64")).toBe(K43.alterRequest);
  });
  it("decodes the per-resource result", () => {
    expect(decodeIncrementalAlterConfigsV1(b64(K43.alter)).responses).toEqual([{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: "fixture-orders" }]);
  });
});

describe("AlterClientQuotas v1", () => {
  const entity = [{ entityType: "client-id", entityName: "fixture-producer" }];
  it("encodes a set and a removal of one quota key on one entity", () => {
    expect(encodeAlterClientQuotasV1(entity, { producer_byte_rate: 1024 }).toString("base64")).toBe(K43.quotaSetRequest);
    expect(encodeAlterClientQuotasV1(entity, { producer_byte_rate: null }).toString("base64")).toBe(K43.quotaRemoveRequest);
  });
  it("decodes the per-entity result, and a refusal with Kafka's message", () => {
    expect(decodeAlterClientQuotasV1(b64(K43.quotaSet)).entries).toEqual([{ errorCode: 0, errorMessage: null, entity }]);
    expect(decodeAlterClientQuotasV1(b64(K43.quotaRefused)).entries).toEqual([
      { errorCode: 42, errorMessage: "Unhandled client quota entity type: no-such-entity", entity: [{ entityType: "no-such-entity", entityName: "x" }] },
    ]);
  });
});
