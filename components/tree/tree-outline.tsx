"use client";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { buildOutline, type Outline, type OutlineNode } from "@/lib/domain/diagnosis-marks/outline";
import { MarkBadge, VerdictChip } from "./badges";
import { ancestorsOf, navigate, typeahead, visibleNodes } from "./outline-nav";

const TYPEAHEAD_RESET_MS = 700;
/** the tree's shape never changes with the evidence: ancestors come from it */
const STRUCTURE = buildOutline(null);

/**
 * The root-cause tree as a WAI-ARIA tree view: one tab stop (roving tabindex), arrows to move,
 * right/left to open/close or go in/out, Home/End, Enter to open a node's detail, letters to
 * jump to the next matching title. The suggested path opens by itself; collapsed branches say
 * what is under them.
 */
export function TreeOutline({ outline, selected, onOpen }: { outline: Outline; selected: string | null; onOpen: (id: string) => void }) {
  const pathKey = outline.suggestedPath.join(">");
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([...outline.suggestedPath, ...(selected ? ancestorsOf(selected, STRUCTURE.byId) : [])]));
  // null until someone moves: then focus follows the selection, else the suggested cause
  const [focusId, setFocusId] = useState<string | null>(selected);
  const items = useRef(new Map<string, HTMLLIElement>());
  const typed = useRef({ text: "", at: 0 });

  // New evidence may suggest another path: open it (never close what people opened).
  useEffect(() => {
    if (!pathKey) return;
    const ids = pathKey.split(">");
    setExpanded((prev) => (ids.every((id) => prev.has(id)) ? prev : new Set([...prev, ...ids])));
  }, [pathKey]);
  // A deep link (or a pick in the detail panel) selects a node: show it and put focus there.
  useEffect(() => {
    if (!selected) return;
    const ids = ancestorsOf(selected, STRUCTURE.byId);
    setExpanded((prev) => (ids.every((id) => prev.has(id)) ? prev : new Set([...prev, ...ids])));
    setFocusId(selected);
  }, [selected]);

  const visible = useMemo(() => visibleNodes(outline.roots, expanded), [outline.roots, expanded]);
  const wanted = focusId ?? outline.suggested ?? outline.roots[0]?.id ?? "";
  const focus = visible.some((n) => n.id === wanted) ? wanted : (visible[0]?.id ?? "");

  const moveTo = (id: string) => {
    setFocusId(id);
    items.current.get(id)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const result = navigate(e.key, focus, visible, expanded);
    if (result) {
      e.preventDefault();
      e.stopPropagation();
      if (result.expanded !== expanded) setExpanded(result.expanded);
      if (result.open) {
        const node = outline.byId.get(result.focus);
        if (node?.kind === "branch") {
          const next = new Set(expanded);
          if (next.has(node.id)) next.delete(node.id);
          else next.add(node.id);
          setExpanded(next);
        }
        onOpen(result.focus);
      }
      moveTo(result.focus);
      return;
    }
    if (e.key.length === 1 && /\S/.test(e.key)) {
      e.preventDefault();
      const now = Date.now();
      typed.current = { text: (now - typed.current.at > TYPEAHEAD_RESET_MS ? "" : typed.current.text) + e.key, at: now };
      const hit = typeahead(typed.current.text, focus, visible);
      if (hit) moveTo(hit);
    }
  };

  const render = (nodes: readonly OutlineNode[], level: number) =>
    nodes.map((node, i) => {
      const isBranch = node.kind === "branch";
      const open = isBranch && expanded.has(node.id);
      return (
        <li
          key={node.id}
          ref={(el) => {
            if (el) items.current.set(node.id, el);
            else items.current.delete(node.id);
          }}
          role="treeitem"
          aria-level={level}
          aria-setsize={nodes.length}
          aria-posinset={i + 1}
          aria-expanded={isBranch ? open : undefined}
          aria-selected={selected === node.id}
          aria-labelledby={`tree-${node.id}-label`}
          aria-describedby={`tree-${node.id}-desc`}
          tabIndex={node.id === focus ? 0 : -1}
          data-node={node.id}
          data-suggested={node.kind === "leaf" && node.suggested ? "true" : undefined}
          style={{ outline: "none" }}
          className="[&:focus>div:first-child]:ring-2 [&:focus>div:first-child]:ring-accent"
          onClick={(e) => {
            e.stopPropagation();
            if (isBranch) {
              const next = new Set(expanded);
              if (open) next.delete(node.id);
              else next.add(node.id);
              setExpanded(next);
            }
            onOpen(node.id);
            moveTo(node.id);
          }}
        >
          <Row node={node} open={open} selected={selected === node.id} />
          {isBranch && open ? (
            <ul role="group" className="ml-4 border-l border-border pl-2">
              {render(node.children, level + 1)}
            </ul>
          ) : null}
        </li>
      );
    });

  return (
    <ul role="tree" aria-label="Root-cause tree" data-testid="root-cause-tree" className="space-y-0.5" onKeyDown={onKeyDown}>
      {render(outline.roots, 1)}
    </ul>
  );
}

function Row({ node, open, selected }: { node: OutlineNode; open: boolean; selected: boolean }) {
  const path = node.onPath ? "border-l-4 border-accent bg-surface-2" : "border-l-4 border-transparent";
  const sel = selected ? "bg-surface-2 shadow-[inset_0_0_0_1px_var(--color-accent)]" : "";
  if (node.kind === "branch") {
    const s = node.summary;
    return (
      <div className={`flex cursor-pointer items-baseline gap-2 rounded-r px-2 py-1.5 ${path} ${sel}`}>
        <span aria-hidden="true" className="w-3 text-muted">{open ? "▾" : "▸"}</span>
        <span id={`tree-${node.id}-label`} className="font-semibold text-fg">{node.title}</span>
        <span id={`tree-${node.id}-desc`} className="text-xs text-muted">
          {open ? (s.supported > 0 ? `${s.supported} supported` : "") : s.text}
        </span>
      </div>
    );
  }
  const first = node.reasons[0];
  return (
    <div className={`cursor-pointer rounded-r px-2 py-1.5 ${path} ${sel}`}>
      <div className="flex flex-wrap items-center gap-2">
        <VerdictChip verdict={node.verdict} />
        <span id={`tree-${node.id}-label`} className={`font-medium ${node.verdict === "contradicted" ? "text-muted" : "text-fg"}`}>{node.title}</span>
        {node.suggested ? <span className="rounded bg-accent px-1.5 py-0.5 text-xs font-bold text-bg">suggested</span> : null}
        {node.rank !== null && node.score !== null ? <span className="font-mono text-xs text-muted">#{node.rank} · {node.score.toFixed(2)}</span> : null}
        {node.marks ? <MarkBadge mark={node.marks.current.mark} /> : null}
      </div>
      <p id={`tree-${node.id}-desc`} className="mt-0.5 line-clamp-2 pl-1 text-xs text-muted">
        {node.verdict} {first ? `— ${first}` : node.leaf.automatic ? "— no evidence either way yet" : "— only people can tell: see its questions"}
      </p>
    </div>
  );
}
