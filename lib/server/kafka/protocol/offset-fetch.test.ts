import { describe, expect, it } from "vitest";
import { decodeOffsetFetchV8, encodeOffsetFetchV8 } from "./offset-fetch";

/**
 * Bytes captured from a real Kafka 4.3.1 broker: group fixture-billing committed 42 and 7 on
 * fixture-orders-0/1; fixture-no-such-group never committed. (`response` is the payload kafkajs
 * hands to decode: the response header's tagged fields, then the body.)
 */
const CAPTURED = {
  request: "AAMQZml4dHVyZS1iaWxsaW5nAAAWZml4dHVyZS1uby1zdWNoLWdyb3VwAAAAAA==",
  response:
    "AAAAAAADEGZpeHR1cmUtYmlsbGluZwIPZml4dHVyZS1vcmRlcnMDAAAAAAAAAAAAAAAq/////wEAAAAAAAABAAAAAAAAAAf/////AQAAAAAAAAAWZml4dHVyZS1uby1zdWNoLWdyb3VwAQAAAAA=",
};

describe("OffsetFetch v8 (many groups per request)", () => {
  it("encodes the request body the broker answered", () => {
    expect(encodeOffsetFetchV8(["fixture-billing", "fixture-no-such-group"]).toString("base64")).toBe(CAPTURED.request);
  });

  it("decodes the captured response into per-group offsets", () => {
    const decoded = decodeOffsetFetchV8(Buffer.from(CAPTURED.response, "base64"));
    expect(decoded.throttleTimeMs).toBe(0);
    expect(decoded.groups).toEqual([
      {
        groupId: "fixture-billing",
        errorCode: 0,
        responses: [
          {
            topic: "fixture-orders",
            partitions: [
              { partition: 0, offset: "42", metadata: "", errorCode: 0 },
              { partition: 1, offset: "7", metadata: "", errorCode: 0 },
            ],
          },
        ],
      },
      { groupId: "fixture-no-such-group", errorCode: 0, responses: [] },
    ]);
  });

  it("encodes group ids longer than 126 bytes with a multi-byte length", () => {
    const long = "g".repeat(200);
    const body = encodeOffsetFetchV8([long]);
    // header tags, array length 2, then varint 201 = 0xc9 0x01
    expect([...body.subarray(0, 4)]).toEqual([0, 2, 0xc9, 0x01]);
    expect(body.length).toBe(1 + 1 + 2 + 200 + 2 + 2);
  });

  it("names a truncated response instead of reading garbage", () => {
    const bytes = Buffer.from(CAPTURED.response, "base64");
    expect(() => decodeOffsetFetchV8(bytes.subarray(0, bytes.length - 20))).toThrow(/truncated/);
  });
});
