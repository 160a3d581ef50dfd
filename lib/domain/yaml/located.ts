/**
 * YAML files people edit by hand (the ownership catalog, the clusters file) are refused with
 * every problem named by line and column: a syntax error from the `yaml` parser, or a schema
 * issue from zod mapped back onto the node it is about (a missing key points at its parent map,
 * an unknown key at the key itself). Pure: the caller reads the file.
 */
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import type { z } from "zod";

export interface YamlFileError {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** where in the document: "entries[2].owners.action.contact" */
  path: string;
  message: string;
}

export type YamlKey = string | number;

/** A parsed document that can still say where each of its values came from. */
export interface LocatedYaml {
  doc: Document;
  counter: LineCounter;
  /** the document as plain data (aliases bounded) */
  data: unknown;
}

export function pathText(path: readonly YamlKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${k}` : k), "");
}

/** Parses `text`; refuses files over `maxBytes`, syntax errors and duplicate keys, each with its line. */
export function parseLocatedYaml(text: string, maxBytes: number): { ok: true; yaml: LocatedYaml } | { ok: false; errors: YamlFileError[] } {
  if (new TextEncoder().encode(text).length > maxBytes) {
    return { ok: false, errors: [{ line: 1, column: 1, path: "", message: `the file is over ${maxBytes} bytes` }] };
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
  return { ok: true, yaml: { doc, counter, data: doc.toJS({ maxAliasCount: 100 }) } };
}

/** The node at `path`, or the deepest existing ancestor (a missing key points at its parent map). */
function nodeAt(doc: Document, path: readonly YamlKey[]): { node: YamlNode | null; found: boolean } {
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
function keyNode(doc: Document, path: readonly YamlKey[], key: string): YamlNode | null {
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

/** Line and column of the value at `path` (or of its deepest existing ancestor). */
export function positionOf(yaml: LocatedYaml, path: readonly YamlKey[]): { line: number; column: number } {
  return position(nodeAt(yaml.doc, path).node, yaml.counter);
}

function issueMessage(issue: z.core.$ZodIssue, found: boolean): string {
  const last = issue.path[issue.path.length - 1];
  if (!found && issue.code === "invalid_type" && typeof last === "string") return `"${last}" is required`;
  if (issue.code === "unrecognized_keys") return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return issue.message;
}

/** zod's issues for the value at `base`, each placed on the line it is about. */
export function zodErrorsAt(yaml: LocatedYaml, base: readonly YamlKey[], error: z.ZodError): YamlFileError[] {
  return error.issues.flatMap((issue) => {
    const path = [...base, ...issue.path.map((k) => (typeof k === "number" ? k : String(k)))];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => {
        const at = keyNode(yaml.doc, path, k) ?? nodeAt(yaml.doc, path).node;
        return { ...position(at, yaml.counter), path: pathText([...path, k]), message: `unknown key "${k}"` };
      });
    }
    const { node, found } = nodeAt(yaml.doc, path);
    return [{ ...position(node, yaml.counter), path: pathText(path), message: issueMessage(issue, found) }];
  });
}

export const byPosition = (a: YamlFileError, b: YamlFileError) => a.line - b.line || a.column - b.column;
