import { describe, expect, it } from "vitest";
import { sseResponse } from "./sse";

async function chunksUntil(response: Response, wanted: string): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  while (!chunks.join("").includes(wanted)) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(decoder.decode(value));
  }
  await reader.cancel();
  return chunks;
}

describe("SSE response", () => {
  it("sends what is written in one turn (a batch of entries) as one chunk, events in order with their ids", async () => {
    const abort = new AbortController();
    const response = sseResponse(abort.signal, (sink) => {
      for (const seq of [7, 8, 9]) sink.eventJson("entry", JSON.stringify({ seq }), seq);
      return () => undefined;
    });
    const first = await chunksUntil(response, 'data: {"seq":9}');
    expect(first).toEqual(['retry: 1000\n\nid: 7\nevent: entry\ndata: {"seq":7}\n\nid: 8\nevent: entry\ndata: {"seq":8}\n\nid: 9\nevent: entry\ndata: {"seq":9}\n\n']);
    abort.abort();
  });

  it("a write in a later turn is its own chunk, after the earlier ones", async () => {
    const abort = new AbortController();
    const response = sseResponse(abort.signal, (sink) => {
      sink.event("ready", { lastSeq: 0 });
      setTimeout(() => sink.eventJson("entry", '{"seq":1}', 1), 0);
      return () => undefined;
    });
    const chunks = await chunksUntil(response, 'data: {"seq":1}');
    expect(chunks).toEqual(['retry: 1000\n\nevent: ready\ndata: {"lastSeq":0}\n\n', 'id: 1\nevent: entry\ndata: {"seq":1}\n\n']);
    abort.abort();
  });
});
