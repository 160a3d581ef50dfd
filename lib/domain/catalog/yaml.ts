/**
 * The catalog as a YAML file (so ownership lives in version control, seed 004). Parsing is
 * all-or-nothing: any problem anywhere refuses the whole file, and every error names its line
 * and column (from the `yaml` package's node ranges and a LineCounter).
 *
 *   version: 1
 *   entries:
 *     - topic: payments.*
 *       service: checkout
 *       team: payments
 *       tier: critical
 *       freshnessSloSeconds: 60
 *       owners:
 *         impact:    { name: Payments, contact: "slack:#payments-oncall" }
 *         diagnosis: { name: Streaming platform, contact: "pagerduty:PLATFORM" }
 *         action:    { name: Payments, contact: "pagerduty:PAYMENTS" }
 *       runbook: https://runbooks.example/payments-lag
 */
import { Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import { CatalogEntryInput, CatalogFile, entryKey, toEntry, toInput } from "./schema";
import type { CatalogEntry } from "./types";

export interface CatalogFileError {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** where in the document: "entries[2].owners.action.contact" */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; entries: CatalogEntry[] } | { ok: false; errors: CatalogFileError[] };

export const MAX_CATALOG_FILE_BYTES = 1024 * 1024;

type Key = string | number;

function pathText(path: readonly Key[]): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${k}` : k), "");
}

/** The node at `path`, or the deepest existing ancestor (a missing key points at its parent map). */
function nodeAt(doc: Document, path: readonly Key[]): { node: YamlNode | null; found: boolean } {
  let node: unknown = doc.contents;
  let last: YamlNode | null = isNode(node) ? node : null;
  for (const key of path) {
    if (!isNode(node) || !("get" in node)) return { node: last, found: false };
    const next: unknown = (node as { get(k: unknown, keepScalar: true): unknown }).get(key, true);
    if (!isNode(next)) return { node: last, found: false };
    node = next;
    last = next;
  }
  return { node: last, found: true };
}

/** The key node of `key` in the map at `path` (for errors about the key itself, e.g. unknown keys). */
function keyNode(doc: Document, path: readonly Key[], key: string): YamlNode | null {
  const { node } = nodeAt(doc, path);
  if (!isMap(node)) return null;
  for (const item of node.items) if (isPair(item) && isScalar(item.key) && item.key.value === key) return item.key;
  return null;
}

function position(node: YamlNode | null, counter: LineCounter): { line: number; column: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

function issueMessage(issue: z.core.$ZodIssue, found: boolean): string {
  const last = issue.path[issue.path.length - 1];
  if (!found && issue.code === "invalid_type" && typeof last === "string") return `"${last}" is required`;
  if (issue.code === "unrecognized_keys") return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return issue.message;
}

function zodErrors(doc: Document, counter: LineCounter, base: readonly Key[], error: z.ZodError): CatalogFileError[] {
  return error.issues.flatMap((issue) => {
    const path = [...base, ...issue.path.map((k) => (typeof k === "number" ? k : String(k)))];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => {
        const at = keyNode(doc, path, k) ?? nodeAt(doc, path).node;
        return { ...position(at, counter), path: pathText([...path, k]), message: `unknown key "${k}"` };
      });
    }
    const { node, found } = nodeAt(doc, path);
    return [{ ...position(node, counter), path: pathText(path), message: issueMessage(issue, found) }];
  });
}

const byPosition = (a: CatalogFileError, b: CatalogFileError) => a.line - b.line || a.column - b.column;

export function parseCatalogYaml(text: string): ParseResult {
  if (new TextEncoder().encode(text).length > MAX_CATALOG_FILE_BYTES) {
    return { ok: false, errors: [{ line: 1, column: 1, path: "", message: `the file is over ${MAX_CATALOG_FILE_BYTES} bytes` }] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = counter.linePos(e.pos[0]);
        return { line, column: col, path: "", message: e.message.split("\n")[0] ?? e.message };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { ok: false, errors: [{ line: 1, column: 1, path: "", message: "the file is empty; expected version: 1 and entries: [...]" }] };
  const file = CatalogFile.safeParse(data);
  if (!file.success) return { ok: false, errors: zodErrors(doc, counter, [], file.error).sort(byPosition) };

  const errors: CatalogFileError[] = [];
  const entries: CatalogEntry[] = [];
  const firstLine = new Map<string, number>();
  file.data.entries.forEach((raw, i) => {
    const parsed = CatalogEntryInput.safeParse(raw);
    if (!parsed.success) {
      errors.push(...zodErrors(doc, counter, ["entries", i], parsed.error));
      return;
    }
    const entry = toEntry(parsed.data);
    const key = entryKey(entry);
    const at = position(nodeAt(doc, ["entries", i, entry.kind]).node, counter);
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      errors.push({ ...at, path: pathText(["entries", i, entry.kind]), message: `${entry.kind} "${entry.match}" is already listed at line ${seen}` });
      return;
    }
    firstLine.set(key, at.line);
    entries.push(entry);
  });
  return errors.length ? { ok: false, errors: errors.sort(byPosition) } : { ok: true, entries };
}

/** The catalog as a file: stable order (kind, then match), one block per entry. */
export function serializeCatalogYaml(entries: readonly CatalogEntry[], generatedAt?: string): string {
  const sorted = [...entries].sort((a, b) => a.kind.localeCompare(b.kind) || a.match.localeCompare(b.match));
  const doc = new Document({ version: 1, entries: sorted.map(toInput) });
  doc.commentBefore = [
    " Ripcord ownership catalog. Keep this file in version control; import it in Settings → Ownership catalog.",
    " Each entry matches a topic or a consumer group (exact name, or a pattern with * ? [..]); exact beats pattern.",
    ...(generatedAt ? [` Exported ${generatedAt}.`] : []),
  ].join("\n");
  return doc.toString({ lineWidth: 0 });
}
