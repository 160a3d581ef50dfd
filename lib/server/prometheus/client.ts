/**
 * Prometheus HTTP API client: instant queries (/api/v1/query) and range queries
 * (/api/v1/query_range), POSTed as forms so long PromQL never hits a URL limit. Every request is
 * bounded by the configured timeout; failures become a PrometheusError with a code and one human
 * line, like the Kafka gateway's errors, so callers degrade instead of hanging.
 *
 * No `import "server-only"`: the evidence CLI uses it under plain Node, as it does the gateway.
 */
import { displayUrl, type PrometheusConfig } from "@/lib/domain/broker-metrics/config";
import { parseMatrix, parseVector, type VectorSample } from "@/lib/domain/broker-metrics/reading";
import type { PrometheusErrorCode } from "@/lib/domain/broker-metrics/types";

const BRAND = Symbol.for("ripcord.prometheus.PrometheusError");

export class PrometheusError extends Error {
  override readonly name = "PrometheusError";
  readonly [BRAND] = true;
  constructor(
    /** PROMETHEUS_QUERY_FAILED: Prometheus answered but refused this query (bad PromQL); the others mean it cannot be read at all. */
    readonly code: PrometheusErrorCode | "PROMETHEUS_QUERY_FAILED",
    message: string,
  ) {
    super(message);
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

export interface RequestOutcome {
  path: string;
  ok: boolean;
  code: PrometheusError["code"] | null;
  durationMs: number;
}

export type MatrixSeries = ReturnType<typeof parseMatrix>[number];

function causeCode(error: unknown): string {
  let current: unknown = error;
  for (let i = 0; i < 4 && current && typeof current === "object"; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "";
}

export class PrometheusClient {
  readonly url: string;
  private readonly endpoint: string;

  constructor(
    readonly config: PrometheusConfig,
    private readonly observe: (outcome: RequestOutcome) => void = () => undefined,
  ) {
    this.url = displayUrl(config.url);
    this.endpoint = config.url.replace(/\/+$/, "");
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
    const auth = this.config.auth;
    if (auth?.kind === "bearer") h.authorization = `Bearer ${auth.token}`;
    if (auth?.kind === "basic") h.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
    return h;
  }

  /** POSTs a form to an API path; resolves the `data` of a success answer. `timeoutMs` caps this request below the configured bound. */
  private async call(path: string, form: Record<string, string>, timeoutMs = this.config.timeoutMs): Promise<unknown> {
    const started = Date.now();
    const bound = Math.max(1, Math.min(timeoutMs, this.config.timeoutMs));
    try {
      const data = await this.send(path, form, bound);
      this.observe({ path, ok: true, code: null, durationMs: Date.now() - started });
      return data;
    } catch (error) {
      const mapped = error instanceof PrometheusError ? error : new PrometheusError("PROMETHEUS_BAD_RESPONSE", `Prometheus at ${this.url}: ${(error as Error).message}`);
      this.observe({ path, ok: false, code: mapped.code, durationMs: Date.now() - started });
      throw mapped;
    }
  }

  private async send(path: string, form: Record<string, string>, timeoutMs: number): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.endpoint}${path}`, { method: "POST", headers: this.headers(), body: new URLSearchParams(form).toString(), signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") throw new PrometheusError("PROMETHEUS_TIMEOUT", `Prometheus at ${this.url} did not answer within ${timeoutMs} ms`);
      const code = causeCode(error);
      const why = code === "ECONNREFUSED" ? "connection refused" : code === "ENOTFOUND" || code === "EAI_AGAIN" ? "host not found" : code || (error as Error).message;
      throw new PrometheusError("PROMETHEUS_UNREACHABLE", `Prometheus at ${this.url} is unreachable (${why})`);
    }
    type Body = { status?: string; data?: unknown; errorType?: string; error?: string };
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new PrometheusError("PROMETHEUS_TIMEOUT", `Prometheus at ${this.url} did not answer within ${timeoutMs} ms`);
    }
    let body: Body | null;
    try {
      body = JSON.parse(text) as Body;
    } catch {
      body = null;
    }
    if (res.status === 401 || res.status === 403) throw new PrometheusError("PROMETHEUS_AUTH_FAILED", `Prometheus at ${this.url} refused the credentials (HTTP ${res.status}): check PROMETHEUS_BEARER_TOKEN or PROMETHEUS_USERNAME / PROMETHEUS_PASSWORD`);
    if (body?.status === "success") return body.data;
    if (body?.status === "error" && (res.status === 400 || res.status === 422)) throw new PrometheusError("PROMETHEUS_QUERY_FAILED", `Prometheus refused the query (${body.errorType ?? "error"}: ${body.error ?? "no detail"})`);
    const detail = body?.error ?? (text.trim().slice(0, 120) || "empty body");
    throw new PrometheusError("PROMETHEUS_BAD_RESPONSE", `Prometheus at ${this.url} answered HTTP ${res.status} (${detail})`);
  }

  /** Instant query evaluated at `atMs`. */
  async query(expr: string, atMs: number, timeoutMs?: number): Promise<VectorSample[]> {
    const data = await this.call("/api/v1/query", { query: expr, time: (atMs / 1000).toFixed(3) }, timeoutMs);
    try {
      return parseVector(data);
    } catch (error) {
      throw new PrometheusError("PROMETHEUS_BAD_RESPONSE", `Prometheus at ${this.url}: ${(error as Error).message}`);
    }
  }

  /** Range query over [fromMs, toMs] every stepMs. */
  async queryRange(expr: string, fromMs: number, toMs: number, stepMs: number, timeoutMs?: number): Promise<MatrixSeries[]> {
    const data = await this.call("/api/v1/query_range", { query: expr, start: (fromMs / 1000).toFixed(3), end: (toMs / 1000).toFixed(3), step: `${Math.max(1, Math.round(stepMs / 1000))}s` }, timeoutMs);
    try {
      return parseMatrix(data);
    } catch (error) {
      throw new PrometheusError("PROMETHEUS_BAD_RESPONSE", `Prometheus at ${this.url}: ${(error as Error).message}`);
    }
  }
}
