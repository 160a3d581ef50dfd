/**
 * ConsumerGroupDescribe (API key 69) v0: the KIP-848 ("consumer" protocol) groups that the
 * classic DescribeGroups cannot see — state, group and assignment epochs, assignor, and per
 * member its epoch, subscription, current and target assignment. A classic group in the same
 * request comes back with its own error (GROUP_ID_NOT_FOUND), so every group is decoded on
 * its own and errors stay per group.
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const CONSUMER_GROUP_DESCRIBE_API_KEY = 69;
export const CONSUMER_GROUP_DESCRIBE_VERSION = 0;

export interface TopicPartitions {
  topicId: string;
  topicName: string;
  partitions: number[];
}

export interface ConsumerGroupMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: TopicPartitions[];
  targetAssignment: TopicPartitions[];
}

export interface DescribedConsumerGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  groupState: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: ConsumerGroupMember[];
}

export function encodeConsumerGroupDescribeV0(groupIds: readonly string[]): Buffer {
  return new Writer()
    .flexibleHeader()
    .compactArray(groupIds, (w, id) => w.compactString(id))
    .bool(false) // include authorized operations
    .tags()
    .build();
}

function readAssignment(r: Reader): TopicPartitions[] {
  const topics = r.compactArray(() => {
    const topicId = r.uuid();
    const topicName = r.compactString();
    const partitions = r.compactArray(() => r.int32()).sort((a, b) => a - b);
    r.skipTaggedFields();
    return { topicId, topicName, partitions };
  });
  r.skipTaggedFields();
  return topics;
}

export function decodeConsumerGroupDescribeV0(payload: Buffer): { groups: DescribedConsumerGroup[] } {
  const r = new Reader(payload, "ConsumerGroupDescribe v0 response");
  r.flexibleHeader();
  r.int32(); // throttle time
  const groups = r.compactArray(() => {
    const errorCode = r.int16();
    const errorMessage = r.compactNullableString();
    const groupId = r.compactString();
    const groupState = r.compactString();
    const groupEpoch = r.int32();
    const assignmentEpoch = r.int32();
    const assignorName = r.compactString();
    const members = r.compactArray(() => {
      const memberId = r.compactString();
      const instanceId = r.compactNullableString();
      const rackId = r.compactNullableString();
      const memberEpoch = r.int32();
      const clientId = r.compactString();
      const clientHost = r.compactString();
      const subscribedTopicNames = r.compactArray(() => r.compactString());
      const subscribedTopicRegex = r.compactNullableString();
      const assignment = readAssignment(r);
      const targetAssignment = readAssignment(r);
      r.skipTaggedFields();
      return { memberId, instanceId, rackId, memberEpoch, clientId, clientHost, subscribedTopicNames, subscribedTopicRegex, assignment, targetAssignment };
    });
    r.int32(); // authorized operations
    r.skipTaggedFields();
    return { errorCode, errorMessage, groupId, groupState, groupEpoch, assignmentEpoch, assignorName, members };
  });
  r.skipTaggedFields();
  return { groups };
}

export function consumerGroupDescribeRequest(groupIds: readonly string[]) {
  return rawRequest(
    { apiKey: CONSUMER_GROUP_DESCRIBE_API_KEY, apiVersion: CONSUMER_GROUP_DESCRIBE_VERSION, apiName: "ConsumerGroupDescribe" },
    encodeConsumerGroupDescribeV0(groupIds),
    decodeConsumerGroupDescribeV0,
  );
}
