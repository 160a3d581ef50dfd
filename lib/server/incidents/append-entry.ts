import "server-only";
import type { Prisma } from "@prisma/client";
import type { EntryAuthor, IncidentEntry } from "@/lib/domain/incidents/types";
import { db, isPrismaError } from "@/lib/server/db";
import { AppError, conflict, notFound } from "@/lib/server/http/errors";
import { publishEntry } from "@/lib/server/live/hub";
import { toEntry, toSummary, type IncidentSummary } from "./mappers";

export interface AppendEntryInput<P> {
  incidentId: string;
  /** any kind: lib/domain/incidents/types.ts lists this feature's; other features add their own */
  kind: string;
  payload?: P;
  /** Builds the payload under the lock from the incident's current projection (instead of `payload`). */
  payloadFor?: (incident: IncidentSummary) => P;
  author: EntryAuthor;
  /**
   * Concurrency key of the item this entry changes ("status", "severity", "checklist:<id>"…).
   * The item's version is the seq of the newest entry with the same key (0 = never changed).
   */
  item?: string | null;
  /** Optimistic concurrency: refuse with 409 CONFLICT unless the item is still at this version. */
  expectedVersion?: number;
  /** for corrections: the entry this one corrects (must belong to the same incident) */
  correctsEntryId?: string | null;
  /** A retried write with the same key is stored once; the retry gets the stored entry back. */
  idempotencyKey?: string | null;
  /** Runs under the incident's lock with its current projection; throw AppError to refuse. */
  check?: (incident: IncidentSummary) => void;
  /** Columns of the Incident projection this entry changes (status, severity, commanderId, title). */
  project?: Partial<Pick<Prisma.IncidentUpdateInput, "status" | "severity" | "commanderId" | "title">>;
}

export interface AppendResult {
  entry: IncidentEntry;
  /** true when the idempotency key had already been stored: nothing new was written */
  duplicate: boolean;
}

// Appends to one incident are serialized in-process so seqs are gapless and published in order;
// the (incidentId, seq) unique index and the lastSeq guard refuse anything that slips past.
const LOCKS = Symbol.for("ripcord.incidents.locks");
const holder = globalThis as typeof globalThis & { [LOCKS]?: Map<string, Promise<unknown>> };

async function withIncidentLock<T>(incidentId: string, fn: () => Promise<T>): Promise<T> {
  const locks = (holder[LOCKS] ??= new Map());
  const previous = locks.get(incidentId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  const tail = run.catch(() => undefined);
  locks.set(incidentId, tail);
  try {
    return await run;
  } finally {
    if (locks.get(incidentId) === tail) locks.delete(incidentId);
  }
}

async function existingByKey(key: string, incidentId: string): Promise<AppendResult | null> {
  const row = await db().incidentEntry.findUnique({ where: { idempotencyKey: key } });
  if (!row) return null;
  if (row.incidentId !== incidentId) throw conflict("this idempotency key was already used for another incident");
  return { entry: toEntry(row), duplicate: true };
}

/** Current version of an item: the seq of the newest entry that changed it, 0 if none did. */
export async function itemVersion(incidentId: string, item: string): Promise<number> {
  const row = await db().incidentEntry.findFirst({ where: { incidentId, item }, orderBy: { seq: "desc" }, select: { seq: true } });
  return row?.seq ?? 0;
}

/**
 * THE way to add anything to an incident's log (this feature's verbs and other features'
 * alike). Append-only: the entry gets the next per-incident seq, is committed together with
 * the incident's projection, then published to live listeners. Resolves once the entry is
 * durable ("acknowledged"). Throws NOT_FOUND, CONFLICT (stale expectedVersion, idempotency key
 * reused elsewhere) or whatever `check` throws.
 */
export async function appendEntry<P>(input: AppendEntryInput<P>): Promise<AppendResult> {
  if (input.idempotencyKey) {
    const existing = await existingByKey(input.idempotencyKey, input.incidentId);
    if (existing) return existing;
  }
  return withIncidentLock(input.incidentId, async () => {
    if (input.idempotencyKey) {
      const existing = await existingByKey(input.idempotencyKey, input.incidentId);
      if (existing) return existing;
    }
    const incident = await db().incident.findUnique({ where: { id: input.incidentId } });
    if (!incident) throw notFound("incident");
    if (input.expectedVersion !== undefined) {
      if (!input.item) throw new AppError("BAD_REQUEST", "expectedVersion needs an item");
      const current = await itemVersion(input.incidentId, input.item);
      if (current !== input.expectedVersion) {
        throw conflict(`someone changed ${input.item} meanwhile (now at version ${current}, you expected ${input.expectedVersion}); reload and decide again`, {
          item: input.item,
          currentVersion: current,
        });
      }
    }
    if (input.correctsEntryId) {
      const target = await db().incidentEntry.findUnique({ where: { id: input.correctsEntryId }, select: { incidentId: true } });
      if (!target || target.incidentId !== input.incidentId) throw new AppError("UNPROCESSABLE", "the corrected entry is not in this incident");
    }
    const summary = toSummary(incident);
    input.check?.(summary);
    const payload = input.payloadFor ? input.payloadFor(summary) : input.payload;
    const seq = incident.lastSeq + 1;
    try {
      const [, row] = await db().$transaction([
        db().incident.update({ where: { id: incident.id, lastSeq: incident.lastSeq }, data: { lastSeq: seq, ...input.project } }),
        db().incidentEntry.create({
          data: {
            incidentId: incident.id,
            seq,
            kind: input.kind,
            item: input.item ?? null,
            authorId: input.author.id,
            authorName: input.author.name,
            authorKind: input.author.kind,
            payload: JSON.stringify(payload ?? {}),
            correctsEntryId: input.correctsEntryId ?? null,
            idempotencyKey: input.idempotencyKey ?? null,
          },
        }),
      ]);
      const entry = toEntry(row);
      publishEntry(entry);
      return { entry, duplicate: false };
    } catch (error) {
      if (isPrismaError(error, "P2002", "P2025")) {
        if (input.idempotencyKey) {
          const existing = await existingByKey(input.idempotencyKey, input.incidentId);
          if (existing) return existing;
        }
        throw conflict("another write reached this incident at the same moment; retry");
      }
      throw error;
    }
  });
}
