/**
 * The tree as an outline for the incident page: branches (Producer, Broker & storage > Cluster,
 * Topic design, Consumer group > Stream processor > Sink, Recent changes) holding leaves, each
 * leaf with its live verdict from the diagnosis, the evidence behind it and its current mark;
 * the suggested path (root → top-ranked cause); and per-branch summaries for collapsed branches.
 */
import { BRANCHES, LEAVES, type BranchId, type Leaf } from "@/lib/domain/diagnosis/tree";
import type { VerdictKind } from "@/lib/domain/diagnosis/types";
import type { NodeMarks } from "./marks";
import { TREE_MARKS, type MergedDiagnosis, type ScopedVerdict, type TreeMark } from "./types";

export interface BranchSummary {
  supported: number;
  contradicted: number;
  unknown: number;
  total: number;
  marks: Record<TreeMark, number>;
  /** "2 supported, 1 ruled out, 5 unknown · marked 1 confirmed" */
  text: string;
}

interface NodeBase {
  id: string;
  title: string;
  depth: number;
  parentId: string | null;
  /** on the chain from the root to the suggested cause (the cause itself included) */
  onPath: boolean;
}

export interface LeafNode extends NodeBase {
  kind: "leaf";
  leaf: Leaf;
  verdict: VerdictKind;
  score: number | null;
  /** 1-based rank among the causes, null when not a cause */
  rank: number | null;
  /** why: the ranked reasons of a cause, the reasons it was ruled out, or what the checks could not tell */
  reasons: string[];
  evidence: ScopedVerdict[];
  marks: NodeMarks | null;
  suggested: boolean;
}

export interface BranchNode extends NodeBase {
  kind: "branch";
  branch: BranchId;
  children: OutlineNode[];
  summary: BranchSummary;
}

export type OutlineNode = LeafNode | BranchNode;

export interface Outline {
  roots: BranchNode[];
  byId: Map<string, OutlineNode>;
  /** the leaf the evidence points to first, skipping causes the commander ruled out */
  suggested: string | null;
  /** node ids from the top branch down to the suggested leaf */
  suggestedPath: string[];
}

type DiagnosisLike = Pick<MergedDiagnosis, "causes" | "ruledOut" | "verdicts">;

const BRANCH_TITLE = new Map(BRANCHES.map((b) => [b.id, b.title]));

/** path segment ("consumer group") → branch id ("consumer"): a leaf's last segment is its branch. */
function segmentBranches(leaves: readonly Leaf[]): Map<string, BranchId> {
  const out = new Map<string, BranchId>();
  for (const l of leaves) {
    const seg = l.path[l.path.length - 2];
    if (seg !== undefined && !out.has(seg)) out.set(seg, l.branch);
  }
  return out;
}

export function leafVerdict(leafId: string, d: DiagnosisLike | null): { verdict: VerdictKind; score: number | null; rank: number | null; reasons: string[]; evidence: ScopedVerdict[] } {
  const evidence = d ? d.verdicts.filter((v) => v.leafId === leafId) : [];
  const idx = d ? d.causes.findIndex((c) => c.id === leafId) : -1;
  const cause = idx >= 0 ? d?.causes[idx] : undefined;
  if (cause) return { verdict: "supported", score: cause.score, rank: idx + 1, reasons: cause.reasons, evidence };
  const out = d?.ruledOut.find((r) => r.id === leafId);
  if (out) return { verdict: "contradicted", score: null, rank: null, reasons: out.reasons, evidence };
  const weak = evidence.filter((v) => v.verdict === "supported").map((v) => `weak: ${v.reason}`);
  const undecided = evidence.filter((v) => v.verdict === "unknown").map((v) => v.reason);
  // The same cluster-wide reason (e.g. "not visible: …") comes from every scope: say it once.
  return { verdict: "unknown", score: null, rank: null, reasons: [...new Set([...weak, ...undecided])], evidence };
}

export function summarize(leaves: LeafNode[]): BranchSummary {
  const marks = Object.fromEntries(TREE_MARKS.map((m) => [m, 0])) as Record<TreeMark, number>;
  let supported = 0;
  let contradicted = 0;
  let unknown = 0;
  for (const l of leaves) {
    if (l.verdict === "supported") supported++;
    else if (l.verdict === "contradicted") contradicted++;
    else unknown++;
    if (l.marks) marks[l.marks.current.mark]++;
  }
  const parts = [supported && `${supported} supported`, contradicted && `${contradicted} ruled out`, unknown && `${unknown} unknown`].filter(Boolean);
  const markParts = TREE_MARKS.filter((m) => marks[m] > 0).map((m) => `${marks[m]} ${m === "ruled-out" ? "ruled out" : m}`);
  const text = parts.join(", ") + (markParts.length ? ` · marked ${markParts.join(", ")}` : "");
  return { supported, contradicted, unknown, total: leaves.length, marks, text };
}

function leavesUnder(node: BranchNode): LeafNode[] {
  return node.children.flatMap((c) => (c.kind === "leaf" ? [c] : leavesUnder(c)));
}

export function suggestedCause(d: DiagnosisLike | null, marks: Map<string, NodeMarks>): string | null {
  return d?.causes.find((c) => marks.get(c.id)?.current.mark !== "ruled-out")?.id ?? null;
}

export function buildOutline(d: DiagnosisLike | null, marks: Map<string, NodeMarks> = new Map(), leaves: readonly Leaf[] = LEAVES): Outline {
  const segBranch = segmentBranches(leaves);
  const roots: BranchNode[] = [];
  const byId = new Map<string, OutlineNode>();
  const suggested = suggestedCause(d, marks);

  const branchFor = (segments: string[]): BranchNode | null => {
    let parent = null as BranchNode | null;
    for (const [i, seg] of segments.entries()) {
      const branch = segBranch.get(seg) ?? (seg.replace(/\W+/g, "-") as BranchId);
      const siblings: OutlineNode[] = parent ? parent.children : roots;
      let node = siblings.find((n): n is BranchNode => n.kind === "branch" && n.branch === branch);
      if (!node) {
        node = {
          kind: "branch",
          id: branch,
          branch,
          title: BRANCH_TITLE.get(branch) ?? seg.charAt(0).toUpperCase() + seg.slice(1),
          depth: i,
          parentId: parent?.id ?? null,
          onPath: false,
          children: [],
          summary: summarize([]),
        };
        if (parent) parent.children.push(node);
        else roots.push(node);
        byId.set(node.id, node);
      }
      parent = node;
    }
    return parent;
  };

  for (const leaf of leaves) {
    const parent = branchFor(leaf.path.slice(0, -1));
    const node: LeafNode = {
      kind: "leaf",
      id: leaf.id,
      title: leaf.title,
      depth: leaf.path.length - 1,
      parentId: parent?.id ?? null,
      leaf,
      ...leafVerdict(leaf.id, d),
      marks: marks.get(leaf.id) ?? null,
      suggested: leaf.id === suggested,
      onPath: leaf.id === suggested,
    };
    byId.set(node.id, node);
    // leaves before sub-branches, each in tree order
    const siblings: OutlineNode[] = parent ? parent.children : [];
    const firstBranch = siblings.findIndex((n) => n.kind === "branch");
    if (firstBranch < 0) siblings.push(node);
    else siblings.splice(firstBranch, 0, node);
  }

  const suggestedPath: string[] = [];
  let cursor: OutlineNode | undefined = suggested === null ? undefined : byId.get(suggested);
  while (cursor) {
    cursor.onPath = true;
    suggestedPath.unshift(cursor.id);
    cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId);
  }
  for (const node of byId.values()) if (node.kind === "branch") node.summary = summarize(leavesUnder(node));
  return { roots, byId, suggested, suggestedPath };
}

/** Every node in outline order (depth first), regardless of expansion. */
export function flattenOutline(roots: readonly OutlineNode[]): OutlineNode[] {
  return roots.flatMap((n) => (n.kind === "branch" ? [n, ...flattenOutline(n.children)] : [n]));
}
