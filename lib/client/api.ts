/** A failed API call, carrying the server's problem+json fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ProblemLike {
  detail?: string;
  title?: string;
  code?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("content-type", "application/json");
  let response: Response;
  try {
    response = await fetch(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "NETWORK", "the Ripcord server cannot be reached", null);
  }
  if (!response.ok) {
    let problem: ProblemLike = {};
    try {
      problem = (await response.json()) as ProblemLike;
    } catch {
      // Not our problem+json (a proxy error page, say): fall back to the status line.
    }
    throw new ApiError(
      response.status,
      problem.code ?? `HTTP_${response.status}`,
      problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`,
      problem.requestId ?? response.headers.get("x-request-id"),
      problem.errors,
    );
  }
  // 204 No Content (a DELETE): nothing to parse
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
