/**
 * Keyboard model of the root-cause outline (WAI-ARIA tree view): which node gets focus, and
 * which branches open or close, for each key. Pure, so it is unit-tested without a browser.
 */
import type { OutlineNode } from "@/lib/domain/diagnosis-marks/outline";

export interface VisibleNode {
  id: string;
  title: string;
  parentId: string | null;
  isBranch: boolean;
}

/** The nodes a person can see, in order: branches' children only when the branch is expanded. */
export function visibleNodes(roots: readonly OutlineNode[], expanded: ReadonlySet<string>): VisibleNode[] {
  const out: VisibleNode[] = [];
  const walk = (nodes: readonly OutlineNode[]) => {
    for (const n of nodes) {
      out.push({ id: n.id, title: n.title, parentId: n.parentId, isBranch: n.kind === "branch" });
      if (n.kind === "branch" && expanded.has(n.id)) walk(n.children);
    }
  };
  walk(roots);
  return out;
}

export interface NavResult {
  focus: string;
  expanded: ReadonlySet<string>;
  /** Enter / Space: open the node's detail */
  open?: boolean;
}

/** null when the key is not the tree's (let the browser have it). */
export function navigate(key: string, focus: string, visible: readonly VisibleNode[], expanded: ReadonlySet<string>): NavResult | null {
  const i = visible.findIndex((n) => n.id === focus);
  const node = visible[i];
  if (!node) return visible[0] ? { focus: visible[0].id, expanded } : null;
  const at = (j: number) => visible[Math.max(0, Math.min(visible.length - 1, j))]?.id ?? focus;
  switch (key) {
    case "ArrowDown":
      return { focus: at(i + 1), expanded };
    case "ArrowUp":
      return { focus: at(i - 1), expanded };
    case "Home":
      return { focus: at(0), expanded };
    case "End":
      return { focus: at(visible.length - 1), expanded };
    case "ArrowRight":
      if (!node.isBranch) return { focus, expanded };
      if (!expanded.has(node.id)) return { focus, expanded: new Set([...expanded, node.id]) };
      return { focus: visible[i + 1]?.parentId === node.id ? at(i + 1) : focus, expanded };
    case "ArrowLeft":
      if (node.isBranch && expanded.has(node.id)) {
        const next = new Set(expanded);
        next.delete(node.id);
        return { focus, expanded: next };
      }
      return { focus: node.parentId ?? focus, expanded };
    case "Enter":
    case " ":
      return { focus, expanded, open: true };
    default:
      return null;
  }
}

/**
 * Type-to-search: the next visible node after the focused one (wrapping) whose title starts
 * with what was typed; typing the same letter again cycles through the matches.
 */
export function typeahead(query: string, focus: string, visible: readonly VisibleNode[]): string | null {
  const q = query.toLowerCase();
  if (!q) return null;
  const i = Math.max(0, visible.findIndex((n) => n.id === focus));
  const repeated = q.length > 1 && [...q].every((c) => c === q[0]);
  const needle = repeated ? (q[0] as string) : q;
  // a longer query may still match the focused node; a single (or repeated) letter moves on
  const start = needle.length > 1 ? 0 : 1;
  for (let k = start; k <= visible.length; k++) {
    const n = visible[(i + k) % visible.length];
    if (n && n.title.toLowerCase().startsWith(needle)) return n.id;
  }
  return null;
}

/** The branches to open so a node shows: its ancestors. */
export function ancestorsOf(id: string, byId: ReadonlyMap<string, OutlineNode>): string[] {
  const out: string[] = [];
  let parent = byId.get(id)?.parentId ?? null;
  while (parent) {
    out.unshift(parent);
    parent = byId.get(parent)?.parentId ?? null;
  }
  return out;
}
