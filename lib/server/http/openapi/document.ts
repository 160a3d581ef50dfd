import { z } from "zod";
import { ALL_OPERATIONS } from "./operations";
import type { Operation } from "./types";

const problemRef = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

function schemaOf(type: z.ZodType): unknown {
  return z.toJSONSchema(type, { unrepresentable: "any", io: "input" });
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
}

function queryParameters(query: z.ZodType | undefined) {
  if (!query) return [];
  const schema = schemaOf(query) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: s }));
}

export function openApiDocument(operations: Operation[] = ALL_OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const status = String(op.status ?? 200);
    const errors: Record<string, unknown> = { "400": { description: "Invalid input", content: problemRef } };
    if (op.auth !== "public") {
      errors["401"] = { description: "Not signed in", content: problemRef };
      errors["403"] = { description: op.auth === "alert-source" ? "Needs an alert-source API token" : `Needs the ${op.auth} role`, content: problemRef };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      security: op.auth === "public" ? [] : [{ bearer: [] }, { session: [] }],
      "x-required-role": op.auth,
      parameters: [...pathParameters(op.path), ...queryParameters(op.query)],
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body) } } } } : {}),
      responses: {
        [status]: {
          description: "Success",
          ...(op.response ? { content: { [op.responseType ?? "application/json"]: { schema: schemaOf(op.response) } } } : op.responseType ? { content: { [op.responseType]: {} } } : {}),
        },
        ...errors,
        "500": { description: "Unexpected server error (details in the server log, by request id)", content: problemRef },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Ripcord API", version: "0.1.0", description: "Incident command for Kafka streaming platforms. Errors are RFC 9457 problem+json with a requestId." },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "API token from `npm run token:create` or POST /api/tokens" },
        session: { type: "apiKey", in: "cookie", name: "ripcord_session" },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "code", "requestId"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            code: { type: "string" },
            requestId: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
          },
        },
      },
    },
  };
}
