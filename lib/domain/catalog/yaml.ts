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
 *       channels: [payments-oncall]     # notification channels (Settings → Notifications)
 *       onBreach: open                  # freshness watch: open an incident, or "propose" one
 */
import { Document } from "yaml";
import { byPosition, parseLocatedYaml, pathText, positionOf, zodErrorsAt, type YamlFileError } from "@/lib/domain/yaml/located";
import { CatalogEntryInput, CatalogFile, entryKey, toEntry, toInput } from "./schema";
import type { CatalogEntry } from "./types";

export type CatalogFileError = YamlFileError;

export type ParseResult = { ok: true; entries: CatalogEntry[] } | { ok: false; errors: CatalogFileError[] };

export const MAX_CATALOG_FILE_BYTES = 1024 * 1024;

/**
 * `channels`: the notification channels that exist; a name outside it is an error on its line
 * (leave it out to skip that check, e.g. when no database is at hand).
 */
export function parseCatalogYaml(text: string, opts: { channels?: ReadonlySet<string> } = {}): ParseResult {
  const parsed = parseLocatedYaml(text, MAX_CATALOG_FILE_BYTES);
  if (!parsed.ok) return parsed;
  const yaml = parsed.yaml;
  if (yaml.data === null || yaml.data === undefined) return { ok: false, errors: [{ line: 1, column: 1, path: "", message: "the file is empty; expected version: 1 and entries: [...]" }] };
  const file = CatalogFile.safeParse(yaml.data);
  if (!file.success) return { ok: false, errors: zodErrorsAt(yaml, [], file.error).sort(byPosition) };

  const errors: CatalogFileError[] = [];
  const entries: CatalogEntry[] = [];
  const firstLine = new Map<string, number>();
  file.data.entries.forEach((raw, i) => {
    const entryParsed = CatalogEntryInput.safeParse(raw);
    if (!entryParsed.success) {
      errors.push(...zodErrorsAt(yaml, ["entries", i], entryParsed.error));
      return;
    }
    const entry = toEntry(entryParsed.data);
    const key = entryKey(entry);
    const at = positionOf(yaml, ["entries", i, entry.kind]);
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      errors.push({ ...at, path: pathText(["entries", i, entry.kind]), message: `${entry.kind} "${entry.match}" is already listed at line ${seen}` });
      return;
    }
    firstLine.set(key, at.line);
    if (opts.channels) {
      entry.channels.forEach((name, j) => {
        if (opts.channels!.has(name)) return;
        errors.push({ ...positionOf(yaml, ["entries", i, "channels", j]), path: pathText(["entries", i, "channels", j]), message: `no notification channel named ${name} (Settings → Notifications)` });
      });
    }
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
