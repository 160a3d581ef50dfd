/**
 * DescribeCluster (API key 60) v2 (Kafka ≥ 4.0, KIP-1073): the brokers the controller has
 * registered, fenced ones included and flagged. Cluster metadata lists only unfenced brokers,
 * so a broker that stopped heartbeating simply disappears from it; here it stays, fenced,
 * which tells a broker that is down from one that never existed even in a single snapshot.
 * (Its controller id is, on KRaft, a random broker like metadata's: DescribeQuorum answers
 * who the active controller is.)
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const DESCRIBE_CLUSTER_API_KEY = 60;
export const DESCRIBE_CLUSTER_FENCED_VERSION = 2;

export interface DescribedClusterBroker {
  brokerId: number;
  host: string;
  port: number;
  rack: string | null;
  isFenced: boolean;
}

export function encodeDescribeClusterV2(): Buffer {
  return new Writer()
    .flexibleHeader()
    .bool(false) // include cluster authorized operations
    .int8(1) // endpoint type: brokers
    .bool(true) // include fenced brokers
    .tags()
    .build();
}

export function decodeDescribeClusterV2(payload: Buffer): { errorCode: number; errorMessage: string | null; clusterId: string; controllerId: number; brokers: DescribedClusterBroker[] } {
  const r = new Reader(payload, "DescribeCluster v2 response");
  r.flexibleHeader();
  r.int32(); // throttle time
  const errorCode = r.int16();
  const errorMessage = r.compactNullableString();
  r.int8(); // endpoint type
  const clusterId = r.compactString();
  const controllerId = r.int32();
  const brokers = r.compactArray(() => {
    const brokerId = r.int32();
    const host = r.compactString();
    const port = r.int32();
    const rack = r.compactNullableString();
    const isFenced = r.bool();
    r.skipTaggedFields();
    return { brokerId, host, port, rack, isFenced };
  });
  r.int32(); // cluster authorized operations
  r.skipTaggedFields();
  return { errorCode, errorMessage, clusterId, controllerId, brokers };
}

export function describeClusterRequest() {
  return rawRequest({ apiKey: DESCRIBE_CLUSTER_API_KEY, apiVersion: DESCRIBE_CLUSTER_FENCED_VERSION, apiName: "DescribeCluster" }, encodeDescribeClusterV2(), decodeDescribeClusterV2);
}
