/**
 * IncrementalAlterConfigs (API key 44) v1 (KIP-339): sets or deletes the named configs of a
 * resource and leaves every other override alone — on the broker, atomically. kafkajs 2.2.4
 * has only AlterConfigs, which replaces a resource's whole override set and so forced a
 * read-modify-write that loses a change made by someone else in between.
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const INCREMENTAL_ALTER_CONFIGS_API_KEY = 44;
export const INCREMENTAL_ALTER_CONFIGS_VERSION = 1;
export const TOPIC_RESOURCE = 2;
export const BROKER_RESOURCE = 4;
const SET = 0;
const DELETE = 1;

export interface ConfigResourceChange {
  resourceType: number;
  resourceName: string;
  /** name → value to set; null deletes the override (back to the default). */
  changes: Record<string, string | null>;
}

export function encodeIncrementalAlterConfigsV1(resources: readonly ConfigResourceChange[], validateOnly = false): Buffer {
  return new Writer()
    .flexibleHeader()
    .compactArray(resources, (w, res) =>
      w
        .int8(res.resourceType)
        .compactString(res.resourceName)
        .compactArray(Object.entries(res.changes), (cw, [name, value]) =>
          cw.compactString(name).int8(value === null ? DELETE : SET).compactString(value).tags(),
        )
        .tags(),
    )
    .bool(validateOnly)
    .tags()
    .build();
}

export function decodeIncrementalAlterConfigsV1(payload: Buffer): { responses: { errorCode: number; errorMessage: string | null; resourceType: number; resourceName: string }[] } {
  const r = new Reader(payload, "IncrementalAlterConfigs v1 response");
  r.flexibleHeader();
  r.int32(); // throttle time
  const responses = r.compactArray(() => {
    const errorCode = r.int16();
    const errorMessage = r.compactNullableString();
    const resourceType = r.int8();
    const resourceName = r.compactString();
    r.skipTaggedFields();
    return { errorCode, errorMessage, resourceType, resourceName };
  });
  r.skipTaggedFields();
  return { responses };
}

export function incrementalAlterConfigsRequest(resources: readonly ConfigResourceChange[], validateOnly = false) {
  return rawRequest(
    { apiKey: INCREMENTAL_ALTER_CONFIGS_API_KEY, apiVersion: INCREMENTAL_ALTER_CONFIGS_VERSION, apiName: "IncrementalAlterConfigs" },
    encodeIncrementalAlterConfigsV1(resources, validateOnly),
    decodeIncrementalAlterConfigsV1,
  );
}
