/**
 * DescribeClientQuotas (API key 48) v1: every client quota the cluster holds (user, client-id,
 * ip entities and their defaults) with its values — producer_byte_rate, consumer_byte_rate,
 * request_percentage, controller_mutation_rate. One request answers for the whole cluster.
 *
 * No `import "server-only"` (see ../errors.ts).
 */
import { Reader, Writer, rawRequest } from "./wire";

export const DESCRIBE_CLIENT_QUOTAS_API_KEY = 48;
export const DESCRIBE_CLIENT_QUOTAS_VERSION = 1;

export interface DescribedQuota {
  /** entity type ("user", "client-id", "ip") → name, null for the type's default. */
  entity: { entityType: string; entityName: string | null }[];
  values: Record<string, number>;
}

/** No filter components, not strict: every entity with a quota (Kafka's ClientQuotaFilter.all()). */
export function encodeDescribeClientQuotasV1(): Buffer {
  return new Writer().flexibleHeader().compactArray([], () => {}).bool(false).tags().build();
}

export function decodeDescribeClientQuotasV1(payload: Buffer): { errorCode: number; errorMessage: string | null; entries: DescribedQuota[] } {
  const r = new Reader(payload, "DescribeClientQuotas v1 response");
  r.flexibleHeader();
  r.int32(); // throttle time
  const errorCode = r.int16();
  const errorMessage = r.compactNullableString();
  const entries = r.compactArray(() => {
    const entity = r.compactArray(() => {
      const entityType = r.compactString();
      const entityName = r.compactNullableString();
      r.skipTaggedFields();
      return { entityType, entityName };
    });
    const values: Record<string, number> = {};
    r.compactArray(() => {
      const key = r.compactString();
      values[key] = r.float64();
      r.skipTaggedFields();
    });
    r.skipTaggedFields();
    return { entity, values };
  });
  r.skipTaggedFields();
  return { errorCode, errorMessage, entries };
}

export function describeClientQuotasRequest() {
  return rawRequest(
    { apiKey: DESCRIBE_CLIENT_QUOTAS_API_KEY, apiVersion: DESCRIBE_CLIENT_QUOTAS_VERSION, apiName: "DescribeClientQuotas" },
    encodeDescribeClientQuotasV1(),
    decodeDescribeClientQuotasV1,
  );
}
