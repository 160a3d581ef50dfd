import type { VerdictKind } from "@/lib/domain/diagnosis/types";
import { TREE_MARK_LABELS, type TreeMark } from "@/lib/domain/diagnosis-marks/types";

const VERDICT_STYLE: Record<VerdictKind, { label: string; icon: string; className: string }> = {
  supported: { label: "supported", icon: "▲", className: "border-bad text-bad" },
  contradicted: { label: "contradicted", icon: "✕", className: "border-ok text-ok" },
  unknown: { label: "unknown", icon: "?", className: "border-border text-muted" },
};

/** The live verdict of a leaf: the evidence supports it, contradicts it, or cannot tell. */
export function VerdictChip({ verdict }: { verdict: VerdictKind }) {
  const s = VERDICT_STYLE[verdict];
  return (
    <span data-verdict={verdict} className={`inline-flex shrink-0 items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${s.className}`}>
      <span aria-hidden="true">{s.icon}</span>
      {s.label}
    </span>
  );
}

const MARK_STYLE: Record<TreeMark, string> = {
  investigating: "bg-warn text-bg",
  "ruled-out": "bg-surface-2 text-muted line-through decoration-1",
  confirmed: "bg-bad text-bg",
};

/** A commander's decision on a node. */
export function MarkBadge({ mark }: { mark: TreeMark }) {
  return <span data-mark={mark} className={`inline-flex shrink-0 rounded px-1.5 py-0.5 text-xs font-bold ${MARK_STYLE[mark]}`}>{TREE_MARK_LABELS[mark]}</span>;
}
