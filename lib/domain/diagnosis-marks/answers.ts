/**
 * Human input for the diagnosis, read from the incident log: responders' answers to a leaf's
 * questions (tree-answer entries) and deploy / schema / config events on the timeline.
 */
import { leafById, type Leaf } from "@/lib/domain/diagnosis/tree";
import type { HumanAnswer, TimelineEvent } from "@/lib/domain/diagnosis/types";
import type { IncidentEntry, KnownPayloads } from "@/lib/domain/incidents/types";
import { TREE_ANSWER_KIND, type TreeAnswerPayload } from "./types";

export interface LeafQuestion {
  /** stable within a tree version: index over confirm questions then rule-out questions */
  index: number;
  text: string;
  /** "confirm": the question is listed as confirming evidence; "rule-out": as ruling-out evidence */
  role: "confirm" | "rule-out";
  /** what a "yes" does to the leaf */
  yesMeans: "supports" | "contradicts";
}

/**
 * Rule-out questions are mostly phrased so that "yes" rules the cause out ("Are producers
 * idempotent…?"). These few are phrased the other way: "no" rules it out.
 */
const RULE_OUT_ON_NO = new Set(["Did anything deploy in the hour before the lag started?"]);

export function questionsOf(leaf: Leaf): LeafQuestion[] {
  const out: LeafQuestion[] = [];
  for (const e of leaf.confirm) if (e.kind === "question") out.push({ index: out.length, text: e.text, role: "confirm", yesMeans: "supports" });
  for (const e of leaf.ruleOut)
    if (e.kind === "question") out.push({ index: out.length, text: e.text, role: "rule-out", yesMeans: RULE_OUT_ON_NO.has(e.text) ? "supports" : "contradicts" });
  return out;
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
    if (!leaf || !q) continue;
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
