/**
 * OffsetFetch v8 (KIP-709): the committed offsets of many groups in one request. kafkajs 2.2.4
 * stops at v4 (one group per request), which made a snapshot of G groups cost G requests; with
 * v8 it costs ⌈G_c / OFFSET_FETCH_GROUPS_PER_REQUEST⌉ per coordinator c. Brokers older than
 * Kafka 3.0 do not offer v8 and keep the one-group path (see collector.ts).
 *
 * v8 is a "flexible" version: compact strings and arrays (unsigned varint length + 1) and
 * tagged-field sections. kafkajs writes the request header v1 (api key, version, correlation
 * id, client id) itself; the header v2 that flexible versions need adds one tagged-field
 * section after the client id, so the body starts with that empty section. Symmetrically the
 * response header v1 ends with a tagged-field section that kafkajs leaves at the start of the
 * payload it hands to `decode`.
 *
 * No `import "server-only"` (see errors.ts).
 */
import type { RawOffsetFetchResponse } from "./kafkajs-internals";

export const OFFSET_FETCH_API_KEY = 9;
export const OFFSET_FETCH_BATCH_VERSION = 8;
/** Groups per OffsetFetch v8 request: keeps a response to a few hundred kB at bench scale. */
export const OFFSET_FETCH_GROUPS_PER_REQUEST = 100;

/** One group's part of a v8 response, in the shape the v1–v4 path produces. */
export interface BatchedGroupOffsets extends RawOffsetFetchResponse {
  groupId: string;
  errorCode: number;
}

// ---- encoding --------------------------------------------------------------------------------

function uvarint(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

function compactString(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  return Buffer.concat([Buffer.from(uvarint(bytes.length + 1)), bytes]);
}

/** The request body after kafkajs's header: every listed group, all its topics (null topics). */
export function encodeOffsetFetchV8(groupIds: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0]) /* request header v2 tagged fields */, Buffer.from(uvarint(groupIds.length + 1))];
  for (const groupId of groupIds) {
    parts.push(compactString(groupId), Buffer.from([0 /* topics: null = all */, 0 /* group tagged fields */]));
  }
  parts.push(Buffer.from([0 /* require_stable: false, as v1–v4 */, 0 /* tagged fields */]));
  return Buffer.concat(parts);
}

// ---- decoding --------------------------------------------------------------------------------

class Reader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.offset >= this.buf.length) throw new Error("OffsetFetch v8 response truncated");
      const byte = this.buf[this.offset++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new Error("OffsetFetch v8 response: varint too long");
    }
  }
  private need(n: number) {
    if (this.offset + n > this.buf.length) throw new Error("OffsetFetch v8 response truncated");
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  int64(): string {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return v.toString();
  }
  compactNullableString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    this.need(n - 1);
    const v = this.buf.toString("utf8", this.offset, this.offset + n - 1);
    this.offset += n - 1;
    return v;
  }
  compactString(): string {
    const v = this.compactNullableString();
    if (v === null) throw new Error("OffsetFetch v8 response: unexpected null string");
    return v;
  }
  compactArray<T>(item: () => T): T[] {
    const n = this.uvarint();
    const out: T[] = [];
    for (let i = 0; i < n - 1; i++) out.push(item());
    return out;
  }
  skipTaggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint(); // tag
      const size = this.uvarint();
      this.need(size);
      this.offset += size;
    }
  }
}

/** Decodes the payload kafkajs hands over (response header tagged fields first). */
export function decodeOffsetFetchV8(payload: Buffer): { throttleTimeMs: number; groups: BatchedGroupOffsets[] } {
  const r = new Reader(payload);
  r.skipTaggedFields(); // response header v1
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

/**
 * The protocol request kafkajs's connection `send` accepts: our encoder behind its header
 * writer (which only reads `.buf` and `.buffer` of what `encode` returns).
 */
export function offsetFetchBatchRequest(groupIds: readonly string[]) {
  const body = encodeOffsetFetchV8(groupIds);
  return {
    request: {
      apiKey: OFFSET_FETCH_API_KEY,
      apiVersion: OFFSET_FETCH_BATCH_VERSION,
      apiName: "OffsetFetch",
      encode: async () => ({ buf: body, buffer: body }),
    },
    response: {
      decode: async (payload: Buffer) => {
        const decoded = decodeOffsetFetchV8(payload);
        return { ...decoded, clientSideThrottleTime: 0 };
      },
      parse: async (data: unknown) => data,
    },
  };
}
