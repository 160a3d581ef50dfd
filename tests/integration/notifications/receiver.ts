import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

export type Answer = "ok" | "fail" | "hang";

/**
 * A real HTTP receiver on 127.0.0.1 (a random port): records every request, and answers 200,
 * 500, or never (the connection stays open until the client gives up). `hanging` counts the
 * requests it is holding unanswered; `abandoned` those the client closed while it held them.
 */
export class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received) => Answer = () => "ok";
  hanging = 0;
  abandoned = 0;
  private server: http.Server | null = null;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          // not JSON: kept as text
        }
        const request: Received = { path: req.url ?? "/", headers: req.headers, body, json };
        this.received.push(request);
        const answer = this.answer(request);
        if (answer === "hang") {
          this.hanging++;
          res.on("close", () => {
            this.hanging--;
            if (!res.writableEnded) this.abandoned++;
          });
          return;
        }
        res.writeHead(answer === "ok" ? 200 : 500, { "content-type": "text/plain" }).end(answer === "ok" ? "ok" : "receiver is down");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
