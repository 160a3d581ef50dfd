/**
 * Kafka wire encoding for the requests kafkajs 2.2.4 cannot send (see ../kafkajs-internals.ts
 * for how they travel over kafkajs's own connections). Covers both encodings the message specs
 * (apache/kafka clients/src/main/resources/common/message/*.json) use:
 *
 *   classic   strings int16 length, arrays int32 length (−1 = null), no tagged fields;
 *   flexible  "compact" strings and arrays: unsigned varint of length + 1 (0 = null), and a
 *             tagged-field section (varint count, then tag/size/bytes) closing every struct.
 *
 * kafkajs writes request header v1 (api key, version, correlation id, client id) itself; the
 * header v2 of flexible versions adds one tagged-field section after the client id, so a
 * flexible body starts with an empty section (`Writer.flexibleHeader`). Symmetrically, kafkajs
 * strips only the correlation id of the response header, leaving response header v1's tagged
 * fields at the start of what it hands to `decode` (`Reader.flexibleHeader`).
 *
 * No `import "server-only"` (see ../errors.ts).
 */

export class Writer {
  private readonly chunks: Buffer[] = [];

  private push(buf: Buffer): this {
    this.chunks.push(buf);
    return this;
  }
  int8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v);
    return this.push(b);
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    return this.push(b);
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    return this.push(b);
  }
  int64(v: bigint | number): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(v));
    return this.push(b);
  }
  float64(v: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    return this.push(b);
  }
  uvarint(value: number): this {
    const out: number[] = [];
    let v = value >>> 0;
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
    return this.push(Buffer.from(out));
  }
  /** Classic nullable string: int16 length (−1 = null). */
  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const bytes = Buffer.from(v, "utf8");
    return this.int16(bytes.length).push(bytes);
  }
  /** Classic array: int32 count (−1 = null). */
  array<T>(items: readonly T[] | null, item: (w: this, value: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const value of items) item(this, value);
    return this;
  }
  compactString(v: string | null): this {
    if (v === null) return this.uvarint(0);
    const bytes = Buffer.from(v, "utf8");
    return this.uvarint(bytes.length + 1).push(bytes);
  }
  compactArray<T>(items: readonly T[] | null, item: (w: this, value: T) => void): this {
    if (items === null) return this.uvarint(0);
    this.uvarint(items.length + 1);
    for (const value of items) item(this, value);
    return this;
  }
  /** An empty tagged-field section. */
  tags(): this {
    return this.uvarint(0);
  }
  /** Request header v2's tagged fields, which kafkajs's header v1 leaves for the body to write. */
  flexibleHeader(): this {
    return this.tags();
  }
  build(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export class Reader {
  private offset = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly what = "Kafka response",
  ) {}

  private need(n: number): void {
    if (n < 0 || this.offset + n > this.buf.length) throw new Error(`${this.what} truncated`);
  }
  remaining(): number {
    return this.buf.length - this.offset;
  }
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      this.need(1);
      const byte = this.buf[this.offset++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new Error(`${this.what}: varint too long`);
    }
  }
  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.offset++);
  }
  bool(): boolean {
    return this.int8() !== 0;
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  uint16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  /** int64 as a decimal string (offsets go through parseOffset, which refuses past 2^53). */
  int64(): string {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return v.toString();
  }
  /** int64 as a number, for byte counts and timestamps (exact far beyond any disk or clock). */
  int64Number(): number {
    return Number(this.int64());
  }
  float64(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.offset);
    this.offset += 8;
    return v;
  }
  uuid(): string {
    this.need(16);
    const v = this.buf.toString("base64url", this.offset, this.offset + 16);
    this.offset += 16;
    return v;
  }
  private text(n: number): string {
    this.need(n);
    const v = this.buf.toString("utf8", this.offset, this.offset + n);
    this.offset += n;
    return v;
  }
  nullableString(): string | null {
    const n = this.int16();
    return n < 0 ? null : this.text(n);
  }
  string(): string {
    const v = this.nullableString();
    if (v === null) throw new Error(`${this.what}: unexpected null string`);
    return v;
  }
  array<T>(item: () => T): T[] {
    const n = this.int32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }
  compactNullableString(): string | null {
    const n = this.uvarint();
    return n === 0 ? null : this.text(n - 1);
  }
  compactString(): string {
    const v = this.compactNullableString();
    if (v === null) throw new Error(`${this.what}: unexpected null string`);
    return v;
  }
  /** A compact array; null (length 0) reads as []. */
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
  /** Response header v1's tagged fields, left at the start of the payload by kafkajs. */
  flexibleHeader(): void {
    this.skipTaggedFields();
  }
}

export interface RawApi {
  apiKey: number;
  apiName: string;
  apiVersion: number;
}

/**
 * The protocol request kafkajs's connection `send` accepts: our body behind its header writer
 * (which only reads `.buf` and `.buffer` of what `encode` returns) and our decoder for the
 * payload it hands back. `parse` is the identity: error codes are ours to read.
 */
export function rawRequest<T extends object>(api: RawApi, body: Buffer, decode: (payload: Buffer) => T) {
  return {
    request: { ...api, encode: async () => ({ buf: body, buffer: body }) },
    response: {
      decode: async (payload: Buffer) => ({ ...decode(payload), clientSideThrottleTime: 0 }),
      parse: async (data: unknown) => data as T,
    },
  };
}
