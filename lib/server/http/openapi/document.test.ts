import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

describe("openApiDocument", () => {
  const doc = openApiDocument();

  it("is an OpenAPI 3 document listing health and the auth routes", () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/auth/login", "/api/tokens", "/api/openapi.json"]));
  });

  it("documents request bodies as JSON Schema and the required role", () => {
    const post = doc.paths["/api/users"]?.post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } }; "x-required-role": string };
    expect(Object.keys(post.requestBody.content["application/json"].schema.properties)).toEqual(expect.arrayContaining(["email", "name", "password", "role"]));
    expect(post["x-required-role"]).toBe("admin");
  });
});
