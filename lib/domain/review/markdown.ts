import { KEY_TIMES, KEY_TIME_LABELS } from "@/lib/domain/incidents/types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { responseRows } from "@/lib/domain/metrics/response-rows";
import type { ReviewDocument } from "./document";
import { ACTION_STATUS_LABELS, ACTION_TYPE_LABELS, CONTROL_LOOP_LABELS, FACTOR_CATEGORIES, FACTOR_LABELS, REVIEW_STATE_LABELS } from "./types";

/** A table cell: no pipes or line breaks may leak into the table structure. */
export function cell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === "") return "—";
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n+/g, "<br>").trim();
}

/** Inline text outside tables: keep it on one line so list items stay list items. */
function inline(text: string): string {
  return text.replace(/\r?\n+/g, " ").trim();
}

function table(head: string[], rows: (string | number | null)[][]): string {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

const utc = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
const num = (n: number | null) => (n === null ? "unknown" : n.toLocaleString("en-US"));

function paragraphs(text: string, empty = "_Not written yet._"): string {
  return text.trim() ? text.trim() : empty;
}

function list(items: string[], empty = "_None recorded._"): string {
  const kept = items.map(inline).filter(Boolean);
  return kept.length ? kept.map((x) => `- ${x}`).join("\n") : empty;
}

/** The review as wiki-ready Markdown (GitHub-flavoured tables): headings, impact, timeline, root cause, factors, whys, actions. */
export function reviewMarkdown(doc: ReviewDocument): string {
  const { incident, content, impact, durations } = doc;
  const out: string[] = [];
  out.push(`# Post-incident review: ${inline(incident.title)}`);
  out.push(
    [
      `- **Incident:** ${incident.id}${incident.drill ? " (drill)" : ""}`,
      `- **Severity:** ${incident.severity ?? "not set"}`,
      `- **Cluster:** ${incident.cluster}`,
      `- **Commander:** ${incident.commander ?? "—"}`,
      `- **Review state:** ${REVIEW_STATE_LABELS[doc.state]}${doc.publishedAt ? ` (published ${utc(doc.publishedAt)}${doc.publishedBy ? ` by ${doc.publishedBy}` : ""})` : ""}`,
    ].join("\n"),
  );
  out.push("## Summary", paragraphs(content.summary));

  out.push("## Impact");
  out.push(
    table(
      ["Measure", "Value"],
      [
        ["Duration", `${formatDuration(impact.durationSeconds)} (${impact.window.fromKey} → ${impact.window.toKey})`],
        ["Affected streams (topics)", impact.affectedTopics.join(", ")],
        ["Affected consumer groups", impact.affectedGroups.join(", ")],
        ["Peak lag (records)", num(impact.peakLag)],
        ["Peak time lag", impact.peakTimeLagSeconds === null ? "unknown" : formatDuration(impact.peakTimeLagSeconds)],
        ["Records late (estimate)", num(impact.recordsLate)],
        ["Records lost", impact.lost === "unknown" ? "unknown (no stored evidence)" : impact.lost === "yes" ? `yes: ${num(impact.recordsLost)}` : "no"],
        ["Evidence samples", impact.samples],
      ],
    ),
  );
  if (content.impactNotes.trim()) out.push(content.impactNotes.trim());

  out.push("### Key times and response metrics");
  out.push(table(["Key time", "At"], KEY_TIMES.map((k) => [KEY_TIME_LABELS[k], utc(incident.keyTimes[k])])));
  out.push(
    table(
      ["Metric", "Value"],
      responseRows(durations).map((r) => [r.label, formatDuration(r.seconds)]),
    ),
  );
  if (incident.falseAlarm) out.push(`Declared not an incident (false alarm) by ${incident.falseAlarm.by}: ${incident.falseAlarm.reason}. Left out of every MTTx aggregate.`);

  out.push("## Timeline");
  out.push(
    doc.timeline.length
      ? table(
          ["Time (UTC)", "What happened", "Who", "Why listed"],
          doc.timeline.map((t) => [utc(t.at), t.text, t.author, t.reasons.join(", ")]),
        )
      : "_No timeline entries._",
  );

  out.push("## Root cause");
  if (doc.rootCauses.length === 0) out.push("_No root cause confirmed on the root-cause tree._");
  for (const c of doc.rootCauses) {
    out.push(`**${c.title}** (${c.branchTitle}; tree node \`${c.leafId}\`), confirmed by ${c.by} at ${utc(c.at)}.`);
    const detail = [c.symptom, c.note ? `Note: ${inline(c.note)}` : ""].filter(Boolean).join("\n\n");
    if (detail) out.push(detail);
  }
  if (content.rootCauseNotes.trim()) out.push(content.rootCauseNotes.trim());

  out.push("## Contributing factors");
  for (const cat of FACTOR_CATEGORIES) {
    out.push(`### ${FACTOR_LABELS[cat]}`, list(content.contributingFactors.filter((f) => f.category === cat).map((f) => f.text)));
  }

  out.push("## Five whys");
  const whys = content.fiveWhys.filter((w) => w.question.trim() || w.answer.trim());
  out.push(whys.length ? whys.map((w, i) => `${i + 1}. **${inline(w.question) || "Why?"}** ${inline(w.answer)}`).join("\n") : "_Not written yet._");

  out.push("## Which control loop failed");
  out.push(list(content.controlLoops.map((l) => CONTROL_LOOP_LABELS[l]), "_Not decided yet._"));
  if (content.controlLoopNotes.trim()) out.push(content.controlLoopNotes.trim());

  out.push("## What went well", list(content.wentWell));
  out.push("## What did not go well", list(content.wentBadly));

  out.push("## Action items");
  out.push(
    doc.actionItems.length
      ? table(
          ["Action", "Type", "Owner", "Due", "Status"],
          doc.actionItems.map((a) => [a.title, ACTION_TYPE_LABELS[a.type], a.owner, a.dueDate, ACTION_STATUS_LABELS[a.status]]),
        )
      : "_No action items._",
  );
  out.push(`---\n_Generated by Ripcord at ${utc(doc.generatedAt)}. Blameless review: it describes systems and conditions, not people's mistakes._`);
  return `${out.join("\n\n")}\n`;
}

/** A file name for the download: review-<incident title slug>-<id>.md */
export function markdownFileName(doc: Pick<ReviewDocument, "incident">): string {
  const slug = doc.incident.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 50) || "incident";
  return `review-${slug}-${doc.incident.id}.md`;
}
