import { AppError } from "@/lib/server/http/errors";
import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { incidentStream } from "@/lib/server/live/incident-stream";

export const dynamic = "force-dynamic";

/** Resumes after Last-Event-ID (what EventSource sends on reconnect), else after ?after=, else from the start. */
export const GET = route(incidentOperations.stream, ({ params, query, request, principal }) => {
  const header = request.headers.get("last-event-id");
  let after = query.after ?? 0;
  if (header !== null && header !== "") {
    if (!/^\d{1,9}$/.test(header)) throw new AppError("VALIDATION_FAILED", "Last-Event-ID: must be an entry seq", { fieldErrors: [{ path: "headers.last-event-id", message: "must be a non-negative integer" }] });
    after = Number(header);
  }
  return incidentStream(params.id, after, principal, request.signal);
});
