import { describe, expect, it } from "vitest";
import { z } from "zod";
import { KafkaGatewayError } from "../kafka/errors";
import { AppError } from "./errors";
import { defineOperations } from "./openapi/types";
import { route } from "./route";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

function post(body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request("http://localhost/api/x", { method: "POST", body, headers });
}

const base = { summary: "test", tag: "test" };
const ops = defineOperations({
  echo: { ...base, method: "post", path: "/api/x", auth: "public", body: z.object({ title: z.string().min(3), count: z.number().int() }) },
  small: { ...base, method: "post", path: "/api/x", auth: "public", body: z.object({ s: z.string() }), maxBodyBytes: 100 },
  byId: { ...base, method: "get", path: "/api/x/{id}", auth: "public", params: z.object({ id: z.string().regex(/^\d+$/, "must be a number") }), query: z.object({ window: z.coerce.number().max(3600) }) },
  secret: { ...base, method: "get", path: "/api/x", auth: "viewer" },
  root: { ...base, method: "get", path: "/", auth: "public" },
});

describe("route wrapper", () => {
  const echo = route(ops.echo, ({ body }) => ({ got: body }));

  it("parses the body and answers JSON", async () => {
    const response = await echo(post(JSON.stringify({ title: "lag", count: 2 })), ctx());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ got: { title: "lag", count: 2 } });
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("answers invalid input with 400 problem+json naming the field", async () => {
    const response = await echo(post(JSON.stringify({ title: "x", count: 2 })), ctx());
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = (await response.json()) as { code: string; detail: string; errors: { path: string }[]; requestId: string };
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.detail).toContain("body.title");
    expect(body.errors[0]?.path).toBe("body.title");
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("refuses bodies that are not JSON, not declared as JSON, or too large", async () => {
    expect((await echo(post("{nope"), ctx())).status).toBe(400);
    expect((await echo(post("{}", { "content-type": "text/plain" }), ctx())).status).toBe(415);
    const small = route(ops.small, () => null);
    const big = await small(post(JSON.stringify({ s: "x".repeat(500) })), ctx());
    expect(big.status).toBe(413);
    expect(((await big.json()) as { detail: string }).detail).toContain("limit");
  });

  it("takes a body only under the exact media type application/json", async () => {
    for (const type of ["text/plain; application/json", "application/json-seq", "application/jsonx", ""]) {
      expect((await echo(post(JSON.stringify({ title: "lag", count: 2 }), { "content-type": type }), ctx())).status).toBe(415);
    }
    expect((await echo(post(JSON.stringify({ title: "lag", count: 2 }), { "content-type": "Application/JSON; charset=utf-8" }), ctx())).status).toBe(200);
  });

  it("refuses a write from a browser on another site, Origin null or unparsable, before the verb runs", async () => {
    let ran = 0;
    const write = route(ops.echo, () => ++ran);
    const body = JSON.stringify({ title: "lag", count: 2 });
    for (const origin of ["https://evil.example", "null", "not a url", "http://localhost.evil.example"]) {
      const res = await write(post(body, { "content-type": "application/json", origin, host: "localhost" }), ctx());
      expect({ origin, status: res.status }).toEqual({ origin, status: 403 });
    }
    const sneaky = await write(post(body, { "content-type": "application/json", "sec-fetch-site": "cross-site", host: "localhost" }), ctx());
    expect(sneaky.status).toBe(403);
    expect(ran).toBe(0);
    expect((await write(post(body, { "content-type": "application/json", origin: "http://localhost", host: "localhost" }), ctx())).status).toBe(200);
    expect(ran).toBe(1);
  });

  it("validates path params and the query string", async () => {
    const handler = route(ops.byId, ({ params, query }) => ({ id: params.id, window: query.window }));
    const ok = await handler(new Request("http://localhost/api/x/7?window=60"), ctx({ id: "7" }));
    expect(await ok.json()).toEqual({ id: "7", window: 60 });
    const bad = await handler(new Request("http://localhost/api/x/a?window=60"), ctx({ id: "a" }));
    expect(((await bad.json()) as { detail: string }).detail).toBe("params.id: must be a number");
    const badQuery = await handler(new Request("http://localhost/api/x/7?window=99999"), ctx({ id: "7" }));
    expect(((await badQuery.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("query.window");
  });

  it("asks for sign-in on protected routes without credentials", async () => {
    const handler = route(ops.secret, () => "secret");
    const response = await handler(new Request("http://localhost/api/x"), ctx());
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe("UNAUTHENTICATED");
  });

  it("maps domain and Kafka errors through the one table", async () => {
    const conflict = route(ops.root, () => {
      throw new AppError("CONFLICT", "someone else changed this item");
    });
    const kafka = route(ops.root, () => {
      throw new KafkaGatewayError("KAFKA_UNREACHABLE", "cannot reach Kafka at 127.0.0.1:1: connection refused");
    });
    expect((await conflict(new Request("http://localhost/"), ctx())).status).toBe(409);
    const k = await kafka(new Request("http://localhost/"), ctx());
    expect(k.status).toBe(503);
    expect(((await k.json()) as { detail: string }).detail).toContain("connection refused");
  });

  it("never leaks the text of unknown errors", async () => {
    const handler = route(ops.root, () => {
      throw new Error("SQLITE_CORRUPT at /secret/path");
    });
    const response = await handler(new Request("http://localhost/"), ctx());
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("SQLITE_CORRUPT");
    expect(text).not.toContain("/secret/path");
  });

  it("keeps a problem's status when an error's extra members are named like standard ones", async () => {
    const conflicted = route(ops.root, () => {
      throw new AppError("CONFLICT", "this proposal is opened (by Root)", { extra: { status: "opened", type: "mine", incidentId: "inc_1" } });
    });
    const response = await conflicted(new Request("http://localhost/"), ctx());
    expect(response.status).toBe(409);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 409, type: "https://ripcord.dev/problems/conflict", detail: "this proposal is opened (by Root)", incidentId: "inc_1" });
  });
});
