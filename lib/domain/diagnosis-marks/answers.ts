/**
 * Human input for the diagnosis, read from the incident log: responders' answers to a leaf's
 * questions (tree-answer entries) and deploy / schema / config events on the timeline.
 */
import { leafById, type Leaf, type YesMeans } from "@/lib/domain/diagnosis/tree";
import type { HumanAnswer, TimelineEvent } from "@/lib/domain/diagnosis/types";
import type { IncidentEntry, KnownPayloads } from "@/lib/domain/incidents/types";
import { TREE_ANSWER_KIND, type TreeAnswerPayload } from "./types";

export interface LeafQuestion {
  /** stable within a tree version: the question's position in the leaf's list */
  index: number;
  text: string;
  /** "confirm": a yes supports the leaf; "rule-out": a yes contradicts it; "context": it only informs */
  role: "confirm" | "rule-out" | "context";
  /** what a "yes" does to the leaf */
  yesMeans: YesMeans;
}

const ROLE: Record<YesMeans, LeafQuestion["role"]> = { supports: "confirm", contradicts: "rule-out", neither: "context" };

/** The leaf's clarifying questions (tree.ts), numbered. */
export function questionsOf(leaf: Leaf): LeafQuestion[] {
  return leaf.questions.map((q, index) => ({ index, text: q.text, role: ROLE[q.yesMeans], yesMeans: q.yesMeans }));
}

export function isTreeAnswerPayload(p: unknown): p is TreeAnswerPayload {
  if (typeof p !== "object" || p === null) return false;
  const o = p as Record<string, unknown>;
  return typeof o.leafId === "string" && typeof o.question === "number" && (o.answer === "yes" || o.answer === "no") && typeof o.note === "string";
}

export interface AnswerRecord extends TreeAnswerPayload {
  seq: number;
  by: string;
  createdAt: string;
}

/** The newest answer per (leaf, question), oldest first. */
export function latestAnswers(entries: readonly IncidentEntry[]): AnswerRecord[] {
  const latest = new Map<string, AnswerRecord>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.kind !== TREE_ANSWER_KIND || !isTreeAnswerPayload(e.payload)) continue;
    latest.set(`${e.payload.leafId}#${e.payload.question}`, { ...e.payload, seq: e.seq, by: e.author.name, createdAt: e.createdAt });
  }
  return [...latest.values()].sort((a, b) => a.seq - b.seq);
}

/** Answers as the diagnosis reads them: "yes" = supports the leaf, whatever the question's phrasing. */
export function answersForDiagnosis(entries: readonly IncidentEntry[]): HumanAnswer[] {
  const out: HumanAnswer[] = [];
  for (const a of latestAnswers(entries)) {
    const leaf = leafById(a.leafId);
    const q = leaf ? questionsOf(leaf)[a.question] : undefined;
    // a question that only informs is on the record but moves no ranking
    if (!leaf || !q || q.yesMeans === "neither") continue;
    const supports = (a.answer === "yes") === (q.yesMeans === "supports");
    const at = a.at !== undefined ? Date.parse(a.at) : NaN;
    out.push({
      leafId: a.leafId,
      answer: supports ? "yes" : "no",
      note: `${a.by}: "${q.text}" ${a.answer}${a.note ? ` (${a.note})` : ""}`,
      ...(Number.isFinite(at) ? { at } : {}),
    });
  }
  return out;
}

type EventPayload = KnownPayloads["event"];
const isEvent = (e: IncidentEntry): e is IncidentEntry<"event", EventPayload> => {
  if (e.kind !== "event" || typeof e.payload !== "object" || e.payload === null) return false;
  const p = e.payload as Partial<EventPayload>;
  return (p.type === "deploy" || p.type === "schema-change" || p.type === "config-change") && typeof p.at === "string";
};

/** Timeline events, one per topic they name (or one without a topic), oldest first. */
export function eventsForDiagnosis(entries: readonly IncidentEntry[]): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (!isEvent(e)) continue;
    const p = e.payload;
    const at = Date.parse(p.at);
    if (!Number.isFinite(at)) continue;
    const base: TimelineEvent = { kind: p.type, at, ...(p.service ? { service: p.service } : {}), ...(p.description ? { note: p.description } : {}) };
    const topics = Array.isArray(p.topics) ? p.topics : [];
    if (topics.length === 0) out.push(base);
    else for (const topic of topics) out.push({ ...base, topic });
  }
  return out;
}
