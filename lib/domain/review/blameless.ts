/**
 * Blameless-language hints (seed 003: reviews focus on systemic improvement, not individual
 * mistakes). Flags phrases that assign blame and suggests neutral wording. Hints, not rules:
 * the writer decides.
 */

export interface BlamelessHint {
  /** offsets into the text: text.slice(start, end) is the flagged phrase */
  start: number;
  end: number;
  phrase: string;
  rule: "failed-to" | "human-error" | "should-have" | "judgement" | "person-blamed";
  message: string;
  suggestion: string;
}

interface Rule {
  rule: BlamelessHint["rule"];
  pattern: RegExp;
  message: string;
  suggestion: (match: RegExpExecArray) => string;
}

const RULES: Rule[] = [
  {
    rule: "failed-to",
    pattern: /\b(?:failed|forgot|neglected)\s+to\b/giu,
    message: "“failed to” frames the event as someone's failure.",
    suggestion: () => "Describe what happened and why it made sense then: “the check did not run because …”.",
  },
  {
    rule: "human-error",
    pattern: /\b(?:human|operator|user)\s+error\b/giu,
    message: "“human error” ends the analysis where it should start.",
    suggestion: () => "Name the conditions that made the action possible: missing guardrail, unclear runbook, confusing tool.",
  },
  {
    rule: "should-have",
    pattern: /\b(?:should|could|would)\s*(?:n['’]t|not)?\s+have\b|\bshould['’]ve\b/giu,
    message: "Hindsight (“should have”) judges a past decision with information nobody had then.",
    suggestion: () => "Say what would have helped: “a freshness alert would have shown the lag at 09:12”.",
  },
  {
    rule: "judgement",
    pattern: /\b(?:careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|lazy|incompeten(?:t|ce)|reckless(?:ly)?|stupid|dumb|mistake by|(?:his|her|their) fault|to blame|blamed?|obvious(?:ly)?|simply didn['’]t|didn['’]t bother)\b/giu,
    message: "Judgement words describe a person, not the system.",
    suggestion: () => "Describe the action and its context neutrally; ask what made it the reasonable thing to do.",
  },
];

const BLAME_VERBS = "(?:broke|caused|forgot|missed|ignored|failed|messed up|screwed up|skipped|neglected|overlooked|pushed a bad|deployed a bad)";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Hints for `text`, sorted by position. `names` are people's names (participants, authors):
 * a name followed by a blame verb ("Sam broke the consumer") is flagged too.
 */
export function blamelessHints(text: string, names: readonly string[] = []): BlamelessHint[] {
  const hints: BlamelessHint[] = [];
  for (const r of RULES) {
    r.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.pattern.exec(text))) {
      hints.push({ start: m.index, end: m.index + m[0].length, phrase: m[0].trim(), rule: r.rule, message: r.message, suggestion: r.suggestion(m) });
    }
  }
  const candidates = [...new Set(names.flatMap((n) => [n, n.split(/\s+/)[0] ?? ""]).map((n) => n.trim()).filter((n) => n.length >= 2))];
  if (candidates.length > 0) {
    const who = candidates.sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
    const pattern = new RegExp(`\\b(?:${who})(?:['’]s\\s+(?:mistake|fault|error))?\\s+${BLAME_VERBS}\\b`, "giu");
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text))) {
      hints.push({
        start: m.index,
        end: m.index + m[0].length,
        phrase: m[0],
        rule: "person-blamed",
        message: "A person is the subject of blame.",
        suggestion: "Make the system the subject: “the deploy at 09:10 changed the consumer's schema; no gate caught it”.",
      });
    }
  }
  // Drop hints that sit inside a longer one (e.g. "failed to" inside "Sam failed to").
  hints.sort((a, b) => a.start - b.start || b.end - a.end);
  return hints.filter((h, i) => !hints.some((o, j) => j !== i && o.start <= h.start && o.end >= h.end && (o.end - o.start > h.end - h.start || (o.end - o.start === h.end - h.start && j < i))));
}
