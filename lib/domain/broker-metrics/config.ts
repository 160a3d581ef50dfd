/**
 * How Ripcord reaches a Prometheus, and the syntax checks of its settings, shared by
 * lib/server/env.ts (the server) and the evidence CLI (which reads the same variables).
 */
export interface PrometheusConfig {
  /** base URL, without a trailing slash and without credentials. */
  url: string;
  auth: { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string } | null;
  /** bound on every request; a read of all metrics gets at most twice this. */
  timeoutMs: number;
  /** label matchers added to every series, e.g. `job="kafka",cluster="eu1"` ("" for none). */
  selector: string;
  /** label carrying the broker's node id, tried before the defaults (catalog.ts). */
  brokerLabel: string | null;
  /** range of rate() over counters. */
  rateWindow: string;
}

/** `name="value"` matchers (=, !=, =~, !~), comma-separated. */
export const SELECTOR_PATTERN = /^\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"(\s*,\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*")*\s*$/;
export const LABEL_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A PromQL duration such as 30s, 1m, 2m30s. */
export const DURATION_PATTERN = /^(\d+(ms|s|m|h))+$/;
export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 2000;

/** The URL as it may be shown: no credentials, no trailing slash. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return u.toString().replace(/\/+$/, "");
}

/** Problems with a Prometheus URL, or null: http(s) only, credentials belong in their own variables. */
export function prometheusUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "must be a URL such as http://127.0.0.1:9090";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return "must be an http:// or https:// URL";
  if (u.username || u.password) return "must not carry credentials: use PROMETHEUS_USERNAME / PROMETHEUS_PASSWORD or PROMETHEUS_BEARER_TOKEN";
  return null;
}

export class PrometheusConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/**
 * The Prometheus settings from environment-style variables (PROMETHEUS_URL, _BEARER_TOKEN,
 * _USERNAME / _PASSWORD, _TIMEOUT_MS, _SELECTOR, _BROKER_LABEL, _RATE_WINDOW); null when
 * PROMETHEUS_URL is unset or empty. Throws PrometheusConfigError naming the first bad variable.
 */
export function prometheusConfigFrom(vars: Record<string, string | undefined>): PrometheusConfig | null {
  const get = (name: string) => (vars[name] === undefined || vars[name] === "" ? undefined : vars[name]);
  const url = get("PROMETHEUS_URL");
  const token = get("PROMETHEUS_BEARER_TOKEN");
  const username = get("PROMETHEUS_USERNAME");
  const password = get("PROMETHEUS_PASSWORD");
  const timeout = get("PROMETHEUS_TIMEOUT_MS");
  const selector = get("PROMETHEUS_SELECTOR");
  const label = get("PROMETHEUS_BROKER_LABEL");
  const window = get("PROMETHEUS_RATE_WINDOW");
  if (url !== undefined) {
    const problem = prometheusUrlProblem(url);
    if (problem) throw new PrometheusConfigError("PROMETHEUS_URL", problem);
  }
  if ((username === undefined) !== (password === undefined)) throw new PrometheusConfigError("PROMETHEUS_USERNAME", "PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD go together (basic auth)");
  if (token !== undefined && username !== undefined) throw new PrometheusConfigError("PROMETHEUS_BEARER_TOKEN", "set PROMETHEUS_BEARER_TOKEN or PROMETHEUS_USERNAME / PROMETHEUS_PASSWORD, not both");
  const timeoutMs = timeout === undefined ? DEFAULT_PROMETHEUS_TIMEOUT_MS : Number(timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) throw new PrometheusConfigError("PROMETHEUS_TIMEOUT_MS", `must be milliseconds between 100 and 60000 (got "${timeout}")`);
  if (selector !== undefined && !SELECTOR_PATTERN.test(selector)) throw new PrometheusConfigError("PROMETHEUS_SELECTOR", 'must be label matchers such as job="kafka",cluster="eu1"');
  if (label !== undefined && !LABEL_PATTERN.test(label)) throw new PrometheusConfigError("PROMETHEUS_BROKER_LABEL", "must be a Prometheus label name");
  if (window !== undefined && !DURATION_PATTERN.test(window)) throw new PrometheusConfigError("PROMETHEUS_RATE_WINDOW", "must be a PromQL duration such as 1m or 30s");
  if (url === undefined) return null;
  return {
    url: url.replace(/\/+$/, ""),
    auth: token !== undefined ? { kind: "bearer", token } : username !== undefined ? { kind: "basic", username, password: password! } : null,
    timeoutMs,
    selector: selector?.trim() ?? "",
    brokerLabel: label ?? null,
    rateWindow: window ?? "1m",
  };
}
