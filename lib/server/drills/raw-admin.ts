/**
 * Two admin requests kafkajs lacks, over a plain socket, for the metric drills:
 * - AlterClientQuotas (API 49, v0): the producer-quota drill sets and removes a produce byte-rate
 *   quota on its own client id;
 * - IncrementalAlterConfigs (API 44, v0): the broker-overload drill lowers a broker's thread pool
 *   and restores it. kafkajs only has the legacy AlterConfigs, which replaces a broker's whole
 *   dynamic set and, on KRaft, cannot remove an override (an empty set changes nothing), so a
 *   restored broker would keep one.
 * Drills run on plaintext clusters only (start-drill.ts refuses TLS and SASL), so one TCP request
 * to a broker is enough (KRaft brokers forward both to the controller). Both v0 are the
 * non-flexible versions (int16-length strings, int32-length arrays) Kafka 2.6 to 4.x accept.
 */
import net from "node:net";

export const ALTER_CLIENT_QUOTAS_API_KEY = 49;
export const INCREMENTAL_ALTER_CONFIGS_API_KEY = 44;
const BROKER_RESOURCE = 4;

function str(s: string | null): Buffer {
  if (s === null) return int16(-1);
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([int16(b.length), b]);
}
function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}
function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function float64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
}
const byte = (n: number) => Buffer.from([n]);

function frame(apiKey: number, correlationId: number, body: Buffer[]): Buffer {
  const payload = Buffer.concat([int16(apiKey), int16(0), int32(correlationId), str("ripcord-drill"), ...body]);
  return Buffer.concat([int32(payload.length), payload]);
}

/** AlterClientQuotas v0: set `key` to `value` for client id `clientId`, or remove it (value null). */
export function encodeAlterClientQuotas(correlationId: number, clientId: string, quota: { key: string; value: number | null }): Buffer {
  return frame(ALTER_CLIENT_QUOTAS_API_KEY, correlationId, [
    int32(1), // entries
    int32(1), // entity components
    str("client-id"),
    str(clientId),
    int32(1), // ops
    str(quota.key),
    float64(quota.value ?? 0),
    byte(quota.value === null ? 1 : 0), // remove
    byte(0), // validate_only
  ]);
}

/** IncrementalAlterConfigs v0 on one broker: SET `key` to `value`, or DELETE the override (value null). */
export function encodeIncrementalAlterBrokerConfig(correlationId: number, nodeId: number, key: string, value: string | null): Buffer {
  return frame(INCREMENTAL_ALTER_CONFIGS_API_KEY, correlationId, [
    int32(1), // resources
    byte(BROKER_RESOURCE),
    str(String(nodeId)),
    int32(1), // configs
    str(key),
    byte(value === null ? 1 : 0), // 0 SET, 1 DELETE
    str(value),
    byte(0), // validate_only
  ]);
}

/**
 * The first entry's error of either v0 response (after the size prefix): correlation id,
 * throttle time, an array whose entries start with error code and nullable message.
 */
export function decodeFirstError(frameBody: Buffer): { correlationId: number; errorCode: number; errorMessage: string | null } {
  let o = 0;
  const correlationId = frameBody.readInt32BE(o);
  o += 8; // correlation id, throttle_time_ms
  if (frameBody.readInt32BE(o) < 1) throw new Error("response without entries");
  o += 4;
  const errorCode = frameBody.readInt16BE(o);
  o += 2;
  const len = frameBody.readInt16BE(o);
  o += 2;
  return { correlationId, errorCode, errorMessage: len < 0 ? null : frameBody.subarray(o, o + len).toString("utf8") };
}

function send(broker: string, what: string, build: (correlationId: number) => Buffer, timeoutMs: number): Promise<void> {
  const [host, port] = broker.split(":");
  const correlationId = Math.floor(Math.random() * 2 ** 30);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: host!, port: Number(port) });
    let received = Buffer.alloc(0);
    const done = (error: Error | null) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(`${what} to ${broker}: no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on("connect", () => socket.write(build(correlationId)));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      try {
        const r = decodeFirstError(received.subarray(4));
        if (r.correlationId !== correlationId) return done(new Error(`${what}: unexpected correlation id`));
        if (r.errorCode !== 0) return done(new Error(`${what} refused (error ${r.errorCode}): ${r.errorMessage ?? "no message"}`));
        done(null);
      } catch (error) {
        done(new Error(`${what}: ${(error as Error).message}`));
      }
    });
    socket.on("error", (error) => done(new Error(`${what} to ${broker}: ${error.message}`)));
  });
}

export function alterClientQuota(broker: string, clientId: string, quota: { key: string; value: number | null }, timeoutMs = 10_000): Promise<void> {
  return send(broker, "AlterClientQuotas", (id) => encodeAlterClientQuotas(id, clientId, quota), timeoutMs);
}

export function alterBrokerConfig(broker: string, nodeId: number, key: string, value: string | null, timeoutMs = 30_000): Promise<void> {
  return send(broker, "IncrementalAlterConfigs", (id) => encodeIncrementalAlterBrokerConfig(id, nodeId, key, value), timeoutMs);
}
