import { describe, expect, it } from "vitest";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { diagnose } from "@/lib/domain/diagnosis/rank";
import { LEAVES, leafById } from "@/lib/domain/diagnosis/tree";
import type { Diagnosis } from "@/lib/domain/diagnosis/types";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { sinkBottleneck, skew, stopped } from "@/lib/domain/testing/scenarios";
import { answersForDiagnosis, eventsForDiagnosis, latestAnswers, questionsOf } from "./answers";
import { reduceMarks } from "./marks";
import { mergeDiagnoses, scopeLabel } from "./merge";
import { buildOutline, flattenOutline, summarize, type BranchNode, type LeafNode } from "./outline";
import { markNeedsNote } from "./types";

let seq = 0;
function entry(kind: string, payload: unknown, author = "Cora"): IncidentEntry {
  seq += 1;
  return {
    id: `e${seq}`,
    incidentId: "inc",
    seq,
    kind,
    item: null,
    author: { id: author.toLowerCase(), name: author, kind: "user" },
    createdAt: new Date(Date.UTC(2025, 0, 15, 9, 0, seq)).toISOString(),
    payload,
    correctsEntryId: null,
  };
}
const mark = (leafId: string, m: string, note = "", author?: string) => entry("tree-mark", { leafId, mark: m, note }, author);

const groupDiagnosis = (history: ReturnType<typeof stopped>, group: string, extra: Parameters<typeof diagnose>[1] = { scope: { kind: "group", name: group } }): Diagnosis =>
  diagnose(computeSignals(history), { ...extra, scope: { kind: "group", name: group } });

describe("marks reducer", () => {
  it("gives each node its newest mark with who and when, and keeps the history", () => {
    const entries = [
      mark("consumer.stopped", "investigating", "", "Cora"),
      entry("annotation", { annotationKind: "observation", body: "x", links: [] }),
      mark("topic.partition-skew", "ruled-out", "lag is even", "Cora"),
      mark("consumer.stopped", "confirmed", "pods OOM-killed at 09:02", "Dana"),
    ];
    const marks = reduceMarks([...entries].reverse());
    expect(marks.size).toBe(2);
    const stoppedMarks = marks.get("consumer.stopped");
    expect(stoppedMarks?.current).toMatchObject({ mark: "confirmed", note: "pods OOM-killed at 09:02", by: { name: "Dana" }, seq: entries[3]?.seq });
    expect(stoppedMarks?.current.at).toBe(entries[3]?.createdAt);
    expect(stoppedMarks?.history.map((h) => h.mark)).toEqual(["investigating", "confirmed"]);
    expect(marks.get("topic.partition-skew")?.current.mark).toBe("ruled-out");
  });
  it("ignores malformed payloads and duplicate deliveries of the same entry", () => {
    const m = mark("consumer.stopped", "confirmed", "yes");
    const marks = reduceMarks([entry("tree-mark", { leafId: "x", mark: "maybe", note: "" }), entry("tree-mark", null), m, m]);
    expect([...marks.keys()]).toEqual(["consumer.stopped"]);
    expect(marks.get("consumer.stopped")?.history).toHaveLength(1);
  });
  it("needs a note for decisions, not for investigating", () => {
    expect(markNeedsNote("investigating")).toBe(false);
    expect(markNeedsNote("ruled-out")).toBe(true);
    expect(markNeedsNote("confirmed")).toBe(true);
  });
});

describe("answers and events from the log", () => {
  it("numbers a leaf's clarifying questions in order and knows what yes means", () => {
    const dup = leafById("producer.duplicates");
    if (!dup) throw new Error("leaf missing");
    const qs = questionsOf(dup);
    expect(qs.map((q) => [q.index, q.role, q.yesMeans])).toEqual([
      [0, "confirm", "supports"],
      [1, "confirm", "supports"],
      [2, "confirm", "supports"],
      [3, "rule-out", "contradicts"],
      [4, "rule-out", "contradicts"],
    ]);
    const deploy = questionsOf(leafById("change.bad-deploy") as NonNullable<ReturnType<typeof leafById>>);
    expect(deploy[0]).toEqual({ index: 0, text: "Did anything deploy in the hour before the lag started?", role: "confirm", yesMeans: "supports" });
  });
  it("carries seed 001's clarifying questions for each scenario's leaf, at most five, with a context question recorded but not ranked", () => {
    for (const l of LEAVES) expect(l.questions.length, l.id).toBeLessThanOrEqual(5);
    expect(questionsOf(leafById("consumer.stopped")!).map((q) => q.text)).toContain("Are we monitoring consumer lag trends?");
    expect(questionsOf(leafById("consumer.rebalance-storm")!).map((q) => q.text)).toEqual([
      "Are rebalances occurring often (several an hour or more)?",
      "Are consumers frequently joining or leaving the group?",
      "Are heartbeat or session timeouts being hit?",
      "Is the partition count aligned with the consumer count?",
      "Are consumers slow to process or commit offsets (past max.poll.interval.ms)?",
    ]);
    // every scenario leaf of seed 001 has its five
    for (const id of ["producer.traffic-spike", "producer.throttled", "producer.duplicates", "topic.partition-skew", "topic.retention-too-short", "consumer.rebalance-storm", "consumer.stopped", "consumer.poison-record", "consumer.slow-processing", "consumer.sink-bottleneck", "processor.checkpoint-corruption", "processor.microbatch-overhead", "processor.late-events", "change.schema-incompatible"]) {
      expect(leafById(id)!.questions.length, id).toBe(5);
    }
    const context = questionsOf(leafById("consumer.stopped")!).find((q) => q.yesMeans === "neither")!;
    const answered = answersForDiagnosis([entry("tree-answer", { leafId: "consumer.stopped", question: context.index, questionText: context.text, answer: "yes", note: "" }, "Remy")]);
    expect(answered).toEqual([]);
  });
  it("keeps the newest answer per question and turns rule-out answers into contradictions", () => {
    const entries = [
      entry("tree-answer", { leafId: "producer.duplicates", question: 0, questionText: "q", answer: "no", note: "" }, "Remy"),
      entry("tree-answer", { leafId: "producer.duplicates", question: 0, questionText: "q", answer: "yes", note: "billing saw doubles", at: "2025-01-15T09:10:00Z" }, "Remy"),
      entry("tree-answer", { leafId: "producer.duplicates", question: 3, questionText: "q", answer: "yes", note: "" }, "Remy"),
      entry("tree-answer", { leafId: "no.such-leaf", question: 0, questionText: "q", answer: "yes", note: "" }),
      entry("tree-answer", { leafId: "producer.duplicates", question: 9, questionText: "q", answer: "yes", note: "" }),
    ];
    expect(latestAnswers(entries).filter((a) => a.leafId === "producer.duplicates")).toHaveLength(3);
    const answers = answersForDiagnosis(entries);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatchObject({ leafId: "producer.duplicates", answer: "yes", at: Date.UTC(2025, 0, 15, 9, 10) });
    expect(answers[0]?.note).toContain("Remy");
    expect(answers[0]?.note).toContain("billing saw doubles");
    expect(answers[1]).toMatchObject({ leafId: "producer.duplicates", answer: "no" });
  });
  it("feeds answers into the ranking", () => {
    const entries = [entry("tree-answer", { leafId: "consumer.sink-bottleneck", question: 0, questionText: "q", answer: "yes", note: "db p99 at 4s" })];
    const without = groupDiagnosis(stopped(), "billing");
    const withAnswer = groupDiagnosis(stopped(), "billing", { scope: { kind: "group", name: "billing" }, answers: answersForDiagnosis(entries) });
    expect(without.causes.map((c) => c.id)).not.toContain("consumer.sink-bottleneck");
    expect(withAnswer.causes.find((c) => c.id === "consumer.sink-bottleneck")?.reasons.join(" ")).toContain("db p99 at 4s");
  });
  it("reads deploy / schema-change events, one per topic", () => {
    const events = eventsForDiagnosis([
      entry("event", { type: "schema-change", description: "orders v7", at: "2025-01-15T09:10:00.000Z", topics: ["orders", "payments"], groups: [], source: "ci" }),
      entry("event", { type: "deploy", description: "billing 2.3", at: "2025-01-15T09:11:00.000Z", service: "billing", topics: [], groups: [], source: "ci" }),
      entry("event", { type: "reboot", at: "2025-01-15T09:11:00.000Z" }),
      entry("event", { type: "deploy", at: "not a time", topics: [] }),
    ]);
    expect(events).toEqual([
      { kind: "schema-change", at: Date.UTC(2025, 0, 15, 9, 10), note: "orders v7", topic: "orders" },
      { kind: "schema-change", at: Date.UTC(2025, 0, 15, 9, 10), note: "orders v7", topic: "payments" },
      { kind: "deploy", at: Date.UTC(2025, 0, 15, 9, 11), service: "billing", note: "billing 2.3" },
    ]);
  });
});

describe("merging scopes", () => {
  it("keeps each leaf's best cause across scopes and rules out only what no scope supports", () => {
    const a = groupDiagnosis(stopped(), "billing");
    const b = groupDiagnosis(skew(), "billing");
    const merged = mergeDiagnoses([a, b]);
    const ids = merged.causes.map((c) => c.id);
    expect(ids).toContain("consumer.stopped");
    expect(ids).toContain("topic.partition-skew");
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of merged.ruledOut) expect(ids).not.toContain(r.id);
    const scores = merged.causes.map((c) => c.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(merged.verdicts).toHaveLength(a.verdicts.length + b.verdicts.length);
    expect(scopeLabel({ kind: "group", name: "billing" })).toBe("group billing");
    expect(scopeLabel({ kind: "cluster", name: "x" })).toBe("cluster");
  });
});

describe("outline", () => {
  it("holds every leaf once, under its branch chain, leaves before sub-branches", () => {
    const o = buildOutline(null);
    const leaves = flattenOutline(o.roots).filter((n): n is LeafNode => n.kind === "leaf");
    expect(leaves.map((l) => l.id).sort()).toEqual(LEAVES.map((l) => l.id).sort());
    expect(o.roots.map((r) => r.title)).toEqual(["Producer", "Broker & storage", "Topic design", "Consumer group", "Recent changes"]);
    const consumer = o.byId.get("consumer") as BranchNode;
    expect(consumer.children.map((c) => c.id)).toEqual(["consumer.rebalance-storm", "consumer.stopped", "consumer.poison-record", "consumer.slow-processing", "processor"]);
    const processor = o.byId.get("processor") as BranchNode;
    expect(processor.title).toBe("Stream processor");
    expect(processor.children.at(-1)?.id).toBe("sink");
    expect(o.byId.get("consumer.sink-bottleneck")?.depth).toBe(3);
    expect(o.suggested).toBeNull();
    expect(o.suggestedPath).toEqual([]);
    for (const l of leaves) expect(l.verdict).toBe("unknown");
  });
  it("gives each leaf its live verdict with the reasons and marks the suggested path", () => {
    const d = mergeDiagnoses([groupDiagnosis(stopped(), "billing")]);
    const top = d.causes[0]?.id;
    expect(top).toBe("consumer.stopped");
    const o = buildOutline(d, reduceMarks([mark("consumer.stopped", "investigating")]));
    expect(o.suggested).toBe("consumer.stopped");
    expect(o.suggestedPath).toEqual(["consumer", "consumer.stopped"]);
    const node = o.byId.get("consumer.stopped") as LeafNode;
    expect(node).toMatchObject({ verdict: "supported", rank: 1, suggested: true, onPath: true });
    expect(node.reasons[0]).toMatch(/\d/);
    expect(node.marks?.current.mark).toBe("investigating");
    expect(o.byId.get("producer")?.onPath).toBe(false);
    const contradicted = flattenOutline(o.roots).filter((n): n is LeafNode => n.kind === "leaf" && n.verdict === "contradicted");
    expect(contradicted.length).toBe(d.ruledOut.length);
    for (const c of contradicted) expect(c.reasons.length).toBeGreaterThan(0);
  });
  it("walks the chain for nested leaves and skips causes the commander ruled out", () => {
    const d = mergeDiagnoses([groupDiagnosis(sinkBottleneck(), "billing")]);
    expect(d.causes[0]?.id).toBe("consumer.sink-bottleneck");
    expect(buildOutline(d).suggestedPath).toEqual(["consumer", "processor", "sink", "consumer.sink-bottleneck"]);
    const second = d.causes[1]?.id ?? null;
    const o = buildOutline(d, reduceMarks([mark("consumer.sink-bottleneck", "ruled-out", "db is idle")]));
    expect(o.suggested).toBe(second);
  });
  it("summarises what is under a collapsed branch", () => {
    const d = mergeDiagnoses([groupDiagnosis(stopped(), "billing")]);
    const o = buildOutline(d, reduceMarks([mark("consumer.stopped", "confirmed", "OOM"), mark("consumer.rebalance-storm", "ruled-out", "stable")]));
    const consumer = o.byId.get("consumer") as BranchNode;
    const s = consumer.summary;
    expect(s.total).toBe(8);
    expect(s.supported + s.contradicted + s.unknown).toBe(8);
    expect(s.marks).toEqual({ investigating: 0, "ruled-out": 1, confirmed: 1 });
    expect(s.text).toMatch(/^(\d+ supported)?(, )?(\d+ ruled out)?(, )?(\d+ unknown)? · marked 1 ruled out, 1 confirmed$/);
    expect(summarize([]).text).toBe("");
  });
});
