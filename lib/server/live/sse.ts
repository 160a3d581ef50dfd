import "server-only";
import { randomUUID } from "node:crypto";
import { recordSseListeners } from "@/lib/server/observability/registry";

export const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();

export interface SseSink {
  /** one event; `id` becomes the client's Last-Event-ID */
  event(name: string, data: unknown, id?: number): void;
  /** an event whose data is already JSON (an entry serialised once for all its listeners) */
  eventJson(name: string, json: string, id?: number): void;
  comment(text: string): void;
  closed(): boolean;
}

/**
 * A text/event-stream response. `start` runs once the stream is open; the function it returns
 * runs when the client goes away (abort) or the stream is cancelled. Heartbeats every 15 s.
 * `streamName` names it in ripcord_sse_listeners.
 */
export function sseResponse(signal: AbortSignal, start: (sink: SseSink, connectionId: string) => Promise<() => void> | (() => void), streamName = "other"): Response {
  let cleanup: (() => void) | null = null;
  let done = false;
  let listening = false;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  const finish = () => {
    if (done) return;
    done = true;
    // ripcord_sse_listeners (Ripcord's own metrics): one fewer browser following `stream`
    if (listening) recordSseListeners(streamName, -1);
    if (heartbeat) clearInterval(heartbeat);
    cleanup?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // Everything written in one turn of the event loop leaves as one chunk: a batch commit of
      // N entries is one enqueue per listener, not N (each chunk costs a trip through the
      // response pipe and a read on the client; with 50 listeners per-entry chunks were the
      // one-instance fan-out bottleneck). The events inside keep their order, ids and framing.
      let pending: string[] = [];
      const flush = () => {
        const text = pending.join("");
        pending = [];
        if (done || text === "") return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const write = (text: string) => {
        if (done) return;
        if (pending.length === 0) queueMicrotask(flush);
        pending.push(text);
      };
      const sink: SseSink = {
        event: (name, data, id) => sink.eventJson(name, JSON.stringify(data), id),
        eventJson: (name, json, id) => write(`${id !== undefined ? `id: ${id}\n` : ""}event: ${name}\ndata: ${json}\n\n`),
        comment: (text) => write(`: ${text}\n\n`),
        closed: () => done,
      };
      write("retry: 1000\n\n");
      listening = true;
      recordSseListeners(streamName, 1);
      heartbeat = setInterval(() => sink.comment("heartbeat"), HEARTBEAT_MS);
      signal.addEventListener("abort", () => {
        finish();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      try {
        cleanup = await start(sink, randomUUID());
      } catch (error) {
        finish();
        controller.error(error);
        return;
      }
      if (done) cleanup();
    },
    cancel() {
      finish();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps Next's compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
