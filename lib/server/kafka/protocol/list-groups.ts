/**
 * ListGroups v5 (KIP-848): every group a coordinator owns, with its type ("classic",
 * "consumer", "share", "streams") and state. kafkajs 2.2.4 stops at v2, where a KIP-848
 * group looks like any other "consumer" protocol-type group; the type decides whether it is
 * described with DescribeGroups or ConsumerGroupDescribe.
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const LIST_GROUPS_API_KEY = 16;
export const LIST_GROUPS_TYPED_VERSION = 5;

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  groupState: string;
  groupType: string;
}

export function encodeListGroupsV5(): Buffer {
  return new Writer()
    .flexibleHeader()
    .compactArray([], () => {}) // states filter: all
    .compactArray([], () => {}) // types filter: all
    .tags()
    .build();
}

export function decodeListGroupsV5(payload: Buffer): { errorCode: number; groups: ListedGroup[] } {
  const r = new Reader(payload, "ListGroups v5 response");
  r.flexibleHeader();
  r.int32(); // throttle time
  const errorCode = r.int16();
  const groups = r.compactArray(() => {
    const groupId = r.compactString();
    const protocolType = r.compactString();
    const groupState = r.compactString();
    const groupType = r.compactString();
    r.skipTaggedFields();
    return { groupId, protocolType, groupState, groupType };
  });
  r.skipTaggedFields();
  return { errorCode, groups };
}

export function listGroupsTypedRequest() {
  return rawRequest({ apiKey: LIST_GROUPS_API_KEY, apiVersion: LIST_GROUPS_TYPED_VERSION, apiName: "ListGroups" }, encodeListGroupsV5(), decodeListGroupsV5);
}
