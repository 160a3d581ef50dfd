/**
 * Glob patterns for catalog matches: `*` any run of characters (dots included: `payments.*`
 * matches `payments.events.v2`), `?` one character, `[abc]` / `[a-z]` / `[!abc]` a class.
 * Anything else is literal. A match without any of `*?[` is an exact name.
 */

export function isPattern(match: string): boolean {
  return /[*?[]/.test(match);
}

/** Why a pattern is not usable, or null when it is. */
export function patternProblem(match: string): string | null {
  let open = false;
  for (let i = 0; i < match.length; i++) {
    const c = match[i];
    if (c === "[") {
      if (open) return `"[" inside a character class at position ${i + 1}`;
      open = true;
      if (match[i + 1] === "]" || (match[i + 1] === "!" && match[i + 2] === "]")) return `empty character class at position ${i + 1}`;
    } else if (c === "]") {
      if (!open) return `"]" without "[" at position ${i + 1}`;
      open = false;
    }
  }
  return open ? `unclosed "[" in pattern` : null;
}

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let out = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) {
        out += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("!");
      if (negate) body = body.slice(1);
      out += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = end;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const re = new RegExp(`${out}$`);
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}

export function globMatches(pattern: string, name: string): boolean {
  return isPattern(pattern) ? globToRegExp(pattern).test(name) : pattern === name;
}

/** How specific a pattern is: its count of literal characters (wildcards and classes excluded). */
export function literalCount(pattern: string): number {
  return pattern.replace(/\[[^\]]*\]/g, "").replace(/[*?]/g, "").length;
}
