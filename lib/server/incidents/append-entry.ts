import "server-only";
import type { Prisma, IncidentEntry as EntryRow } from "@prisma/client";
import type { EntryAuthor, IncidentEntry } from "@/lib/domain/incidents/types";
import { db, isPrismaError } from "@/lib/server/db";
import { AppError, conflict, notFound } from "@/lib/server/http/errors";
import { notifyCommitted, publishCommitted } from "@/lib/server/live/feed";
import { recordWrite } from "@/lib/server/observability/registry";
import { toEntry, toSummary, type IncidentSummary } from "./mappers";

export type Tx = Prisma.TransactionClient;

export interface AppendEntryInput<P> {
  incidentId: string;
  /** any kind: lib/domain/incidents/types.ts lists this feature's; other features add their own */
  kind: string;
  payload?: P;
  /** Builds the payload inside the transaction from the incident's current projection (instead of `payload`). */
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
  /**
   * A retried write with the same key from the same author is stored once; the retry gets the
   * stored entry back. Keys are scoped to the author: another caller's key never matches yours.
   */
  idempotencyKey?: string | null;
  /** Runs inside the transaction with the incident's current projection; throw AppError to refuse. */
  check?: (incident: IncidentSummary) => void;
  /** Columns of the Incident projection this entry changes (status, severity, commanderId, title). */
  project?: Partial<Pick<Prisma.IncidentUpdateInput, "status" | "severity" | "commanderId" | "title">>;
}

export interface AppendResult {
  entry: IncidentEntry;
  /** true when the idempotency key had already been stored: nothing new was written */
  duplicate: boolean;
}

type Outcome = { ok: AppendResult } | { error: unknown };

/** The stored entry of `author`'s `key`, if any (a retried request). */
export async function findEntryByKey(authorId: string, key: string, client: Tx = db()): Promise<EntryRow | null> {
  return client.incidentEntry.findUnique({ where: { authorId_idempotencyKey: { authorId, idempotencyKey: key } } });
}

/** Current version of an item: the seq of the newest entry that changed it, 0 if none did. */
export async function itemVersion(incidentId: string, item: string, client: Tx = db()): Promise<number> {
  const row = await client.incidentEntry.findFirst({ where: { incidentId, item }, orderBy: { seq: "desc" }, select: { seq: true } });
  return row?.seq ?? 0;
}

/**
 * Writes `inputs` (all for one incident, in order) inside `tx`. The incident row is locked
 * first by an update that returns it (PostgreSQL holds the row lock to the commit; SQLite's
 * write lock covers the whole transaction), so the seqs it hands out — lastSeq + 1, + 2… —
 * are gapless and unique across processes and instances. Each input is checked against the
 * projection as the inputs before it left it; one refused input refuses only itself. Then one
 * insert for every accepted entry, one update of the projection, and on PostgreSQL one NOTIFY
 * of {incidentId, seq} (delivered only if the transaction commits).
 */
async function writeEntries(tx: Tx, incidentId: string, inputs: readonly AppendEntryInput<unknown>[]): Promise<{ outcomes: Outcome[]; written: EntryRow[] }> {
  const locked = await tx.incident.update({ where: { id: incidentId }, data: { lastSeq: { increment: 0 } } }).catch((error: unknown) => {
    if (isPrismaError(error, "P2025")) throw notFound("incident");
    throw error;
  });
  let summary = toSummary(locked);
  const projection: NonNullable<AppendEntryInput<unknown>["project"]> = {};
  const keyed = inputs.filter((i) => i.idempotencyKey);
  const stored = keyed.length
    ? await tx.incidentEntry.findMany({ where: { OR: keyed.map((i) => ({ authorId: i.author.id, idempotencyKey: i.idempotencyKey })) } })
    : [];
  const byKey = new Map(stored.map((row) => [`${row.authorId}\u0000${row.idempotencyKey}`, row]));
  const versions = new Map<string, number>();
  const outcomes: (Outcome | { pending: Prisma.IncidentEntryCreateManyInput; duplicateOf?: undefined } | { duplicateOf: number; pending?: undefined })[] = [];
  const pending: Prisma.IncidentEntryCreateManyInput[] = [];
  const pendingKeys = new Map<string, number>();

  for (const input of inputs) {
    try {
      const keyId = input.idempotencyKey ? `${input.author.id}\u0000${input.idempotencyKey}` : null;
      const seen = keyId ? byKey.get(keyId) : undefined;
      if (seen) {
        if (seen.incidentId !== incidentId) throw conflict("this idempotency key was already used for another incident");
        outcomes.push({ ok: { entry: toEntry(seen), duplicate: true } });
        continue;
      }
      const queuedTwin = keyId ? pendingKeys.get(keyId) : undefined;
      if (queuedTwin !== undefined) {
        outcomes.push({ duplicateOf: queuedTwin });
        continue;
      }
      if (input.expectedVersion !== undefined) {
        if (!input.item) throw new AppError("BAD_REQUEST", "expectedVersion needs an item");
        const current = versions.get(input.item) ?? (await itemVersion(incidentId, input.item, tx));
        if (current !== input.expectedVersion) {
          throw conflict(`someone changed ${input.item} meanwhile (now at version ${current}, you expected ${input.expectedVersion}); reload and decide again`, {
            item: input.item,
            currentVersion: current,
          });
        }
      }
      if (input.correctsEntryId) {
        const target = await tx.incidentEntry.findUnique({ where: { id: input.correctsEntryId }, select: { incidentId: true } });
        if (!target || target.incidentId !== incidentId) throw new AppError("UNPROCESSABLE", "the corrected entry is not in this incident");
      }
      input.check?.(summary);
      const payload = input.payloadFor ? input.payloadFor(summary) : input.payload;
      const seq = summary.lastSeq + 1;
      const row: Prisma.IncidentEntryCreateManyInput = {
        incidentId,
        seq,
        kind: input.kind,
        item: input.item ?? null,
        authorId: input.author.id,
        authorName: input.author.name,
        authorKind: input.author.kind,
        payload: JSON.stringify(payload ?? {}),
        correctsEntryId: input.correctsEntryId ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
      };
      pending.push(row);
      if (keyId) pendingKeys.set(keyId, outcomes.length);
      if (input.item) versions.set(input.item, seq);
      Object.assign(projection, input.project);
      summary = { ...summary, ...(input.project as Partial<IncidentSummary>), lastSeq: seq };
      outcomes.push({ pending: row });
    } catch (error) {
      outcomes.push({ error });
    }
  }

  let written: EntryRow[] = [];
  if (pending.length) {
    written = await tx.incidentEntry.createManyAndReturn({ data: pending });
    written.sort((a, b) => a.seq - b.seq);
    await tx.incident.update({ where: { id: incidentId }, data: { ...projection, lastSeq: summary.lastSeq } });
    await notifyCommitted(tx, incidentId, summary.lastSeq);
  }
  const bySeq = new Map(written.map((row) => [row.seq, row]));
  const resolved: Outcome[] = outcomes.map((o) => ("pending" in o && o.pending ? { ok: { entry: toEntry(bySeq.get(o.pending.seq as number)!), duplicate: false } } : (o as Outcome)));
  return {
    outcomes: resolved.map((o, i) => {
      const twin = outcomes[i] as { duplicateOf?: number };
      if (twin.duplicateOf === undefined) return o;
      const first = resolved[twin.duplicateOf];
      return first && "ok" in first ? { ok: { entry: first.ok.entry, duplicate: true } } : first ?? o;
    }),
    written,
  };
}

/**
 * Appends inside a caller's interactive transaction (e.g. alert intake: incidents opened,
 * alerts recorded and entries appended commit or roll back as one). Same rules as
 * appendEntry; throws what the input's checks throw. The caller passes `written` to
 * `publishCommitted` after its transaction commits (PostgreSQL instances learn by NOTIFY).
 */
export async function appendInTransaction<P>(tx: Tx, input: AppendEntryInput<P>): Promise<AppendResult & { written: EntryRow[] }> {
  const { outcomes, written } = await writeEntries(tx, input.incidentId, [input as AppendEntryInput<unknown>]);
  const outcome = outcomes[0]!;
  if ("error" in outcome) throw outcome.error;
  return { ...outcome.ok, written };
}

// ---- batched commits ------------------------------------------------------------------------
// Appends to one incident queue in this process; whatever queued while a commit was in flight
// goes into the next transaction together (group commit: one lock, one insert, one fsync for
// the lot). Each caller's promise settles only after that transaction committed, so an
// acknowledged entry is durable. Incidents are independent queues.

interface Queued {
  input: AppendEntryInput<unknown>;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;
const QUEUES = Symbol.for("ripcord.incidents.append-queues");
const holder = globalThis as typeof globalThis & { [QUEUES]?: Map<string, Queued[]> };

async function commitBatch(incidentId: string, batch: Queued[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { outcomes, written } = await db().$transaction((tx) => writeEntries(tx, incidentId, batch.map((q) => q.input)), { timeout: 20_000, maxWait: 20_000 });
      publishCommitted(written.map(toEntry));
      outcomes.forEach((o, i) => ("ok" in o ? batch[i]!.resolve(o.ok) : batch[i]!.reject(o.error)));
      return;
    } catch (error) {
      // Another instance stored the same author's key between our read and our insert (P2002),
      // or PostgreSQL aborted one of two crossing transactions (P2034): once more, then give up.
      if (attempt < 3 && isPrismaError(error, "P2002", "P2034")) continue;
      const reason = isPrismaError(error, "P2002", "P2034") ? conflict("another write reached this incident at the same moment; retry") : error;
      for (const q of batch) q.reject(reason);
      return;
    }
  }
}

async function drain(incidentId: string, queue: Queued[]): Promise<void> {
  try {
    while (queue.length) await commitBatch(incidentId, queue.splice(0, MAX_BATCH));
  } finally {
    holder[QUEUES]?.delete(incidentId);
  }
}

/**
 * THE way to add anything to an incident's log (this feature's verbs and other features'
 * alike). Append-only: the entry gets the next per-incident seq inside the transaction, is
 * committed together with the incident's projection (batched with other appends queued for
 * the same incident), then published to live listeners. Resolves once the entry is durable
 * ("acknowledged"). Rejects with NOT_FOUND, CONFLICT (stale expectedVersion, idempotency key
 * reused for another incident) or whatever `check` throws.
 */
export function appendEntry<P>(input: AppendEntryInput<P>): Promise<AppendResult> {
  const queues = (holder[QUEUES] ??= new Map());
  // timed from the call to the acknowledgement: ripcord_incident_write_duration_seconds
  const started = performance.now();
  return new Promise<AppendResult>((resolve, reject) => {
    const queued: Queued = {
      input: input as AppendEntryInput<unknown>,
      resolve: (result) => {
        recordWrite("ok", performance.now() - started);
        resolve(result);
      },
      reject: (error) => {
        recordWrite("error", performance.now() - started);
        reject(error);
      },
    };
    const queue = queues.get(input.incidentId);
    if (queue) {
      queue.push(queued);
      return;
    }
    const fresh = [queued];
    queues.set(input.incidentId, fresh);
    void drain(input.incidentId, fresh);
  });
}
