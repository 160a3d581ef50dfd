/**
 * DescribeQuorum (API key 55) v1: the KRaft metadata quorum — the active controller (the
 * leader of __cluster_metadata), its epoch (bumped at every election: counted across
 * snapshots it is the controller churn), the high watermark and, per voter and observer, its
 * log end offset and fetch times. A broker forwards it to the active controller; ZooKeeper
 * clusters do not offer it. This is what `kafka-metadata-quorum describe --status` prints.
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const DESCRIBE_QUORUM_API_KEY = 55;
export const DESCRIBE_QUORUM_VERSION = 1;
const METADATA_TOPIC = "__cluster_metadata";

export interface QuorumReplica {
  replicaId: number;
  logEndOffset: number;
  /** ms epoch; −1 when unknown (and for the leader itself). */
  lastFetchTimestamp: number;
  lastCaughtUpTimestamp: number;
}

export interface DescribedQuorum {
  errorCode: number;
  partitionErrorCode: number;
  leaderId: number;
  leaderEpoch: number;
  highWatermark: number;
  voters: QuorumReplica[];
  observers: QuorumReplica[];
}

export function encodeDescribeQuorumV1(): Buffer {
  return new Writer()
    .flexibleHeader()
    .compactArray([METADATA_TOPIC], (w, topic) => w.compactString(topic).compactArray([0], (pw, index) => pw.int32(index).tags()).tags())
    .tags()
    .build();
}

export function decodeDescribeQuorumV1(payload: Buffer): DescribedQuorum {
  const r = new Reader(payload, "DescribeQuorum v1 response");
  r.flexibleHeader();
  const errorCode = r.int16();
  const replica = (): QuorumReplica => {
    const replicaId = r.int32();
    const logEndOffset = r.int64Number();
    const lastFetchTimestamp = r.int64Number();
    const lastCaughtUpTimestamp = r.int64Number();
    r.skipTaggedFields();
    return { replicaId, logEndOffset, lastFetchTimestamp, lastCaughtUpTimestamp };
  };
  const partitions = r.compactArray(() => {
    r.compactString(); // topic
    const list = r.compactArray(() => {
      r.int32(); // partition index
      const partitionErrorCode = r.int16();
      const leaderId = r.int32();
      const leaderEpoch = r.int32();
      const highWatermark = r.int64Number();
      const voters = r.compactArray(replica);
      const observers = r.compactArray(replica);
      r.skipTaggedFields();
      return { partitionErrorCode, leaderId, leaderEpoch, highWatermark, voters, observers };
    });
    r.skipTaggedFields();
    return list;
  }).flat();
  r.skipTaggedFields();
  const p = partitions[0];
  return {
    errorCode,
    partitionErrorCode: p?.partitionErrorCode ?? 0,
    leaderId: p?.leaderId ?? -1,
    leaderEpoch: p?.leaderEpoch ?? -1,
    highWatermark: p?.highWatermark ?? -1,
    voters: p?.voters ?? [],
    observers: p?.observers ?? [],
  };
}

export function describeQuorumRequest() {
  return rawRequest({ apiKey: DESCRIBE_QUORUM_API_KEY, apiVersion: DESCRIBE_QUORUM_VERSION, apiName: "DescribeQuorum" }, encodeDescribeQuorumV1(), decodeDescribeQuorumV1);
}
