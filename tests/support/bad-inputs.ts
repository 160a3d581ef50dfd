import { z } from "zod";
import type { Operation } from "@/lib/server/http/openapi/types";

/** One malformed request for an operation: what to put in its path, query and body. */
export interface BadInput {
  label: string;
  /** the request path with its parameters filled in (default: nonexistent ids) */
  path?: string;
  /** "?…", appended to the path */
  query?: string;
  body?: string;
  contentType?: string;
  /** the input is wrong whatever else the request says: the answer must be a 4xx problem+json */
  mustRefuse: boolean;
  /** a 400 must name this field ("body.severity", "query.limit") among its errors */
  names?: string;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

const DEFAULT_MAX_BODY = 64 * 1024;
const NOWHERE = "matrix-nonexistent-0";

const jsonSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as JsonSchema;

/** The properties of a plain object schema; unions and records have none to aim at. */
function propertiesOf(schema: z.ZodType | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  const json = jsonSchemaOf(schema);
  return json.type === "object" && json.properties ? json.properties : {};
}

/** A JSON value of the wrong type for a property, or undefined where any type could be right. */
function wrongJsonValue(prop: JsonSchema): unknown {
  switch (prop.type) {
    case "string":
      return 12345;
    case "number":
    case "integer":
      return "not-a-number";
    case "boolean":
      return "not-a-boolean";
    case "array":
      return { not: "an array" };
    case "object":
      return "not an object";
    default:
      return undefined;
  }
}

/** A query-string value no declared query parameter of this type accepts, or undefined for free text. */
function wrongQueryValue(prop: JsonSchema): string | undefined {
  if (prop.type === "number" || prop.type === "integer") return "not-a-number";
  if (prop.type === "boolean") return "maybe";
  if (prop.enum?.length && prop.enum.every((v) => typeof v === "string")) return "not-a-member";
  return undefined;
}

const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const ODD_SEGMENTS: [string, string][] = [
  ["broken %-encoding", "%ZZ"],
  ["NUL", "%00"],
  ["encoded slashes", "..%2F..%2Fetc%2Fpasswd"],
  ["emoji", "%F0%9F%92%A9"],
  ["overlong UTF-8", "%C0%AF"],
  ["quote and SQL", "x'%20OR%201%3D1--"],
  ["5000 characters", "a".repeat(5000)],
];
const ODD_QUERY_VALUES: [string, string][] = [
  ["empty", ""],
  ["broken %-encoding", "%ZZ"],
  ["NUL", "%00"],
  ["8000 characters", "q".repeat(8000)],
  ["lone surrogate", "%ED%A0%80"],
];
const ODD_STRINGS: [string, string][] = [
  ["NUL", "\u0000"],
  ["lone surrogate", "\\ud800"],
  ["markup", "<script>alert(1)</script>"],
];

/**
 * Malformed requests for one operation, derived from the schemas it declares (the same ones the route
 * wrapper parses with and the OpenAPI document shows): the body as the wrong JSON type, not JSON, the
 * wrong media type, over its size limit; each body property of the wrong type, deeply nested, huge or
 * with odd characters; each path parameter oddly encoded or huge; each query parameter of the wrong
 * type, repeated, as an array, huge or oddly encoded.
 */
export function badInputsOf(op: Operation): BadInput[] {
  const out: BadInput[] = [];
  const paramNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pathWith = (name?: string, value?: string) => op.path.replace(/\{(\w+)\}/g, (_, n: string) => (n === name && value !== undefined ? value : NOWHERE));

  for (const name of paramNames) {
    for (const [label, value] of ODD_SEGMENTS) out.push({ label: `param ${name}: ${label}`, path: pathWith(name, value), mustRefuse: false, ...(op.body ? { body: "null" } : {}) });
  }

  for (const [name, prop] of Object.entries(propertiesOf(op.query))) {
    const wrong = wrongQueryValue(prop);
    if (wrong !== undefined) out.push({ label: `query ${name}: wrong type`, query: `?${name}=${wrong}`, mustRefuse: true, names: `query.${name}` });
    out.push({ label: `query ${name}: repeated`, query: `?${name}=a&${name}=b`, mustRefuse: false });
    out.push({ label: `query ${name}: as an array`, query: `?${name}[]=a&${name}[x]=b`, mustRefuse: false });
    for (const [label, value] of ODD_QUERY_VALUES) out.push({ label: `query ${name}: ${label}`, query: `?${name}=${value}`, mustRefuse: false });
  }

  if (op.body) {
    const limit = op.maxBodyBytes ?? DEFAULT_MAX_BODY;
    out.push({ label: "body not JSON", body: '{"unterminated": ', mustRefuse: true });
    for (const [label, body] of [["array", "[]"], ["string", '"text"'], ["number", "42"], ["boolean", "true"]] as const) out.push({ label: `body a JSON ${label}`, body, mustRefuse: true, names: "body" });
    out.push({ label: "body as text/plain", body: "{}", contentType: "text/plain; application/json", mustRefuse: true });
    out.push({ label: "body as form data", body: "a=1", contentType: "application/x-www-form-urlencoded", mustRefuse: true });
    out.push({ label: "body over its limit", body: JSON.stringify({ filler: "x".repeat(limit) }), mustRefuse: true });
    out.push({ label: "body nested 5000 deep", body: deep(5000), mustRefuse: true });
    for (const [name, prop] of Object.entries(propertiesOf(op.body))) {
      const wrong = wrongJsonValue(prop);
      if (wrong !== undefined) out.push({ label: `body ${name}: wrong type`, body: JSON.stringify({ [name]: wrong }), mustRefuse: true, names: `body.${name}` });
      out.push({ label: `body ${name}: nested 2000 deep`, body: `{"${name}": ${deep(2000)}}`, mustRefuse: false });
      out.push({ label: `body ${name}: 20,000 characters`, body: JSON.stringify({ [name]: "y".repeat(20_000) }), mustRefuse: false });
      for (const [label, value] of ODD_STRINGS) out.push({ label: `body ${name}: ${label}`, body: `{"${name}": "${value}"}`, mustRefuse: false });
    }
  }
  return out;
}
