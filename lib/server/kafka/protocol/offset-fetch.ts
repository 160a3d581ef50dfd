/**
 * OffsetFetch v8 (KIP-709): the committed offsets of many groups in one request. kafkajs 2.2.4
 * stops at v4 (one group per request), which made a snapshot of G groups cost G requests; with
 * v8 it costs ⌈G_c / OFFSET_FETCH_GROUPS_PER_REQUEST⌉ per coordinator c. Brokers older than
 * Kafka 3.0 do not offer v8 and keep the one-group path (see ../collector.ts).
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import type { RawOffsetFetchResponse } from "../kafkajs-internals";
import { Reader, Writer, rawRequest } from "./wire";

export const OFFSET_FETCH_API_KEY = 9;
export const OFFSET_FETCH_BATCH_VERSION = 8;
/** Groups per OffsetFetch v8 request: keeps a response to a few hundred kB at bench scale. */
export const OFFSET_FETCH_GROUPS_PER_REQUEST = 100;

/** One group's part of a v8 response, in the shape the v1–v4 path produces. */
export interface BatchedGroupOffsets extends RawOffsetFetchResponse {
  groupId: string;
  errorCode: number;
}

/** The request body after kafkajs's header: every listed group, all its topics (null topics). */
export function encodeOffsetFetchV8(groupIds: readonly string[]): Buffer {
  return new Writer()
    .flexibleHeader()
    .compactArray(groupIds, (w, groupId) => w.compactString(groupId).compactArray(null /* topics: all */, () => {}).tags())
    .bool(false) // require_stable: false, as v1–v4
    .tags()
    .build();
}

/** Decodes the payload kafkajs hands over (response header tagged fields first). */
export function decodeOffsetFetchV8(payload: Buffer): { throttleTimeMs: number; groups: BatchedGroupOffsets[] } {
  const r = new Reader(payload, "OffsetFetch v8 response");
  r.flexibleHeader();
  const throttleTimeMs = r.int32();
  const groups = r.compactArray(() => {
    const groupId = r.compactString();
    const responses = r.compactArray(() => {
      const topic = r.compactString();
      const partitions = r.compactArray(() => {
        const partition = r.int32();
        const offset = r.int64();
        r.int32(); // committed leader epoch
        const metadata = r.compactNullableString();
        const errorCode = r.int16();
        r.skipTaggedFields();
        return { partition, offset, metadata, errorCode };
      });
      r.skipTaggedFields();
      return { topic, partitions };
    });
    const errorCode = r.int16();
    r.skipTaggedFields();
    return { groupId, responses, errorCode };
  });
  r.skipTaggedFields();
  return { throttleTimeMs, groups };
}

export function offsetFetchBatchRequest(groupIds: readonly string[]) {
  return rawRequest({ apiKey: OFFSET_FETCH_API_KEY, apiVersion: OFFSET_FETCH_BATCH_VERSION, apiName: "OffsetFetch" }, encodeOffsetFetchV8(groupIds), decodeOffsetFetchV8);
}
