import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/domain/auth/roles";
import { createUser } from "@/lib/server/auth/create-user";
import { createSession, SESSION_COOKIE } from "@/lib/server/auth/sessions";

export const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

/** A real user of the given role with a real session; returns the cookie header. */
export async function signedIn(role: Role): Promise<{ cookie: string; id: string; name: string }> {
  const name = `${role}-${randomUUID().slice(0, 8)}`;
  const user = await createUser({ email: `${name}@it.test`, name, password: "long-enough-password", role });
  const { token } = await createSession(user.id);
  return { cookie: `${SESSION_COOKIE}=${token}`, id: user.id, name };
}

export function post(url: string, body: unknown, cookie: string): Request {
  return new Request(`http://localhost${url}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", cookie } });
}

export function get(url: string, cookie: string, headers: Record<string, string> = {}, signal?: AbortSignal): Request {
  return new Request(`http://localhost${url}`, { headers: { cookie, ...headers }, signal });
}

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** Reads SSE events off a streaming body until `until` says stop (or the timeout passes). */
export async function readEvents(body: ReadableStream<Uint8Array>, until: (events: SseEvent[]) => boolean, timeoutMs = 10_000): Promise<SseEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(events)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out reading SSE; got ${events.length} events`);
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("SSE read timed out")), left))]);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const ev: SseEvent = { event: "message", data: "" };
        let isComment = true;
        for (const line of block.split("\n")) {
          if (line.startsWith(":") || line.startsWith("retry:")) continue;
          isComment = false;
          if (line.startsWith("id: ")) ev.id = line.slice(4);
          else if (line.startsWith("event: ")) ev.event = line.slice(7);
          else if (line.startsWith("data: ")) ev.data += line.slice(6);
        }
        if (!isComment) events.push(ev);
      }
    }
  } finally {
    reader.releaseLock();
  }
  return events;
}
