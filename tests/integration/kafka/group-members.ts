import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { kafkaSettings, resolveClasspath } from "../../../scripts/kafka/local-kafka.mjs";

export type GroupProtocol = "classic" | "consumer";

/** The group protocol a real Java client uses on the run's Kafka: KIP-848 on 4.x, classic on 3.x. */
export function defaultProtocol(): GroupProtocol {
  return kafkaSettings().version.startsWith("4.") ? "consumer" : "classic";
}

/**
 * Real Java consumer-group members (tests/integration/kafka/java/GroupMembers.java, run from
 * source on the Kafka classpath of the run's release): join and leave by name, each polling
 * and committing after every batch. Lines the program prints are kept for waiting on.
 */
export class JavaGroupMembers {
  private readonly lines: string[] = [];
  private readonly waiters = new Set<() => void>();
  private exited: Promise<number | null>;
  private stderrTail = "";

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let partial = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      partial += chunk;
      const parts = partial.split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) if (line.startsWith("@@ ")) this.lines.push(line.slice(3));
      for (const wake of this.waiters) wake();
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-2000);
    });
    this.exited = new Promise((resolve) => child.on("close", (code) => {
      for (const wake of this.waiters) wake();
      resolve(code);
    }));
  }

  static start(opts: { brokers: string[]; groupId: string; protocol: GroupProtocol; topics: string[] }): JavaGroupMembers {
    const classpath = resolveClasspath(kafkaSettings());
    const source = path.join(path.dirname(fileURLToPath(import.meta.url)), "java", "GroupMembers.java");
    const child = spawn("java", ["-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, source, opts.brokers.join(","), opts.groupId, opts.protocol, opts.topics.join(",")], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    return new JavaGroupMembers(child);
  }

  /** Every "@@" line so far, in order. */
  output(): readonly string[] {
    return this.lines;
  }

  private send(command: string): void {
    this.child.stdin.write(`${command}\n`);
  }

  join(...names: string[]): void {
    for (const name of names) this.send(`join ${name}`);
  }

  /** A member of another group than the default one (one JVM can hold members of many groups). */
  joinGroup(name: string, groupId: string): void {
    this.send(`join ${name} ${groupId}`);
  }

  leave(...names: string[]): void {
    for (const name of names) this.send(`leave ${name}`);
  }

  /** Resolves with the first line (from `from` on) that `match` accepts; rejects after timeoutMs or on exit. */
  waitForLine(match: (line: string) => boolean, { from = 0, timeoutMs = 60_000, what = "line" } = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.lines.slice(from).find(match);
        if (hit !== undefined) return done(() => resolve(hit));
        if (this.child.exitCode !== null) done(() => reject(new Error(`GroupMembers exited (${this.child.exitCode}) before ${what}; stderr: ${this.stderrTail}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no ${what} within ${timeoutMs} ms; lines: ${this.lines.slice(-10).join(" | ")}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Every member leaves (clean LeaveGroup / leave heartbeat) and the JVM exits. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      this.send("quit");
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 30_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
