/**
 * AlterClientQuotas (API key 49) v1 (KIP-546, flexible): sets or removes quota values of one
 * entity (user, client-id, ip) — what `kafka-configs --alter --entity-type clients` sends.
 * kafkajs 2.2.4 has no quota API at all. The producer-quota drill sets a produce byte-rate on its
 * own client id and removes it at cleanup.
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const ALTER_CLIENT_QUOTAS_API_KEY = 49;
export const ALTER_CLIENT_QUOTAS_VERSION = 1;

export interface QuotaEntity {
  /** "client-id", "user" or "ip" */
  entityType: string;
  /** null: the type's default entity */
  entityName: string | null;
}

/** quota key → value to set; null removes it. */
export type QuotaChanges = Record<string, number | null>;

export function encodeAlterClientQuotasV1(entity: readonly QuotaEntity[], changes: QuotaChanges, validateOnly = false): Buffer {
  return new Writer()
    .flexibleHeader()
    .compactArray([entity], (w, components) =>
      w
        .compactArray(components, (ew, c) => ew.compactString(c.entityType).compactString(c.entityName).tags())
        .compactArray(Object.entries(changes), (ow, [key, value]) => ow.compactString(key).float64(value ?? 0).bool(value === null).tags())
        .tags(),
    )
    .bool(validateOnly)
    .tags()
    .build();
}

export function decodeAlterClientQuotasV1(payload: Buffer): { entries: { errorCode: number; errorMessage: string | null; entity: QuotaEntity[] }[] } {
  const r = new Reader(payload, "AlterClientQuotas v1 response");
  r.flexibleHeader();
  r.int32(); // throttle time
  const entries = r.compactArray(() => {
    const errorCode = r.int16();
    const errorMessage = r.compactNullableString();
    const entity = r.compactArray(() => {
      const entityType = r.compactString();
      const entityName = r.compactNullableString();
      r.skipTaggedFields();
      return { entityType, entityName };
    });
    r.skipTaggedFields();
    return { errorCode, errorMessage, entity };
  });
  r.skipTaggedFields();
  return { entries };
}

export function alterClientQuotasRequest(entity: readonly QuotaEntity[], changes: QuotaChanges, validateOnly = false) {
  return rawRequest(
    { apiKey: ALTER_CLIENT_QUOTAS_API_KEY, apiVersion: ALTER_CLIENT_QUOTAS_VERSION, apiName: "AlterClientQuotas" },
    encodeAlterClientQuotasV1(entity, changes, validateOnly),
    decodeAlterClientQuotasV1,
  );
}
