/**
 * DescribeLogDirs (API key 35) v2–v4, sent to each broker: its log directories with the size
 * of every replica they hold and (v4, Kafka ≥ 3.3, KIP-827) the total and usable bytes of the
 * volume under each directory. kafkajs 2.2.4 has no DescribeLogDirs at all.
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const DESCRIBE_LOG_DIRS_API_KEY = 35;
export const DESCRIBE_LOG_DIRS_MIN_VERSION = 2;
export const DESCRIBE_LOG_DIRS_MAX_VERSION = 4;

export interface LogDirPartition {
  partition: number;
  sizeBytes: number;
  offsetLag: number;
  isFuture: boolean;
}

export interface DescribedLogDir {
  errorCode: number;
  path: string;
  topics: { topic: string; partitions: LogDirPartition[] }[];
  /** −1 where the broker does not say (before v4). */
  totalBytes: number;
  usableBytes: number;
}

export function encodeDescribeLogDirs(): Buffer {
  return new Writer().flexibleHeader().compactArray(null /* every topic */, () => {}).tags().build();
}

export function decodeDescribeLogDirs(version: number) {
  return (payload: Buffer): { errorCode: number; dirs: DescribedLogDir[] } => {
    const r = new Reader(payload, `DescribeLogDirs v${version} response`);
    r.flexibleHeader();
    r.int32(); // throttle time
    const errorCode = version >= 3 ? r.int16() : 0;
    const dirs = r.compactArray(() => {
      const dirError = r.int16();
      const path = r.compactString();
      const topics = r.compactArray(() => {
        const topic = r.compactString();
        const partitions = r.compactArray(() => {
          const partition = r.int32();
          const sizeBytes = r.int64Number();
          const offsetLag = r.int64Number();
          const isFuture = r.bool();
          r.skipTaggedFields();
          return { partition, sizeBytes, offsetLag, isFuture };
        });
        r.skipTaggedFields();
        return { topic, partitions };
      });
      const totalBytes = version >= 4 ? r.int64Number() : -1;
      const usableBytes = version >= 4 ? r.int64Number() : -1;
      r.skipTaggedFields();
      return { errorCode: dirError, path, topics, totalBytes, usableBytes };
    });
    r.skipTaggedFields();
    return { errorCode, dirs };
  };
}

/** The newest version both sides speak, or null when the broker offers none of v2–v4. */
export function describeLogDirsVersion(offered: { minVersion: number; maxVersion: number } | undefined): number | null {
  if (!offered) return null;
  const v = Math.min(offered.maxVersion, DESCRIBE_LOG_DIRS_MAX_VERSION);
  return v >= Math.max(offered.minVersion, DESCRIBE_LOG_DIRS_MIN_VERSION) ? v : null;
}

export function describeLogDirsRequest(version: number) {
  return rawRequest({ apiKey: DESCRIBE_LOG_DIRS_API_KEY, apiVersion: version, apiName: "DescribeLogDirs" }, encodeDescribeLogDirs(), decodeDescribeLogDirs(version));
}
