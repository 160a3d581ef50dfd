"use client";
import { useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useDiagnosis } from "@/lib/client/hooks/use-diagnosis";
import { latestAnswers } from "@/lib/domain/diagnosis-marks/answers";
import { reduceMarks } from "@/lib/domain/diagnosis-marks/marks";
import { scopeLabel } from "@/lib/domain/diagnosis-marks/merge";
import { buildOutline } from "@/lib/domain/diagnosis-marks/outline";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { NodeDetail } from "./node-detail";
import { TreeOutline } from "./tree-outline";
import { utcClock } from "@/lib/domain/metrics/durations";

/**
 * The incident's "Root cause" panel: the tree with live verdicts from the diagnosis, the
 * commander's marks and people's answers from the log (live through the incident stream), and
 * the selected node's detail. The selected node is in the URL (?node=<leafId>): a deep link.
 */
export function RootCauseTree({ incidentId, entries, canMark, canAnswer }: { incidentId: string; entries: readonly IncidentEntry[]; canMark: boolean; canAnswer: boolean }) {
  const { data, isPending, isError, error, isFetching } = useDiagnosis(incidentId, entries);
  const marks = useMemo(() => reduceMarks(entries), [entries]);
  const answers = useMemo(() => latestAnswers(entries), [entries]);
  const outline = useMemo(() => buildOutline(data ?? null, marks), [data, marks]);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const nodeParam = params.get("node");
  const selected = nodeParam && outline.byId.has(nodeParam) ? nodeParam : null;

  const linkTo = (id: string) => {
    const next = new URLSearchParams(params);
    next.set("tab", "root-cause");
    next.set("node", id);
    return `${pathname}?${next.toString()}`;
  };
  const open = (id: string) => router.replace(linkTo(id), { scroll: false });
  const node = selected ? outline.byId.get(selected) : undefined;
  const top = data?.causes[0];

  return (
    <div data-testid="root-cause-panel" aria-busy={isPending || isFetching}>
      <div className="mb-3 flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
        {isPending ? (
          <span className="text-muted">Reading the evidence…</span>
        ) : data ? (
          <>
            <span className="text-fg">
              {top ? (
                <>
                  Evidence points to <strong data-testid="tree-top-cause">{outline.byId.get(top.id)?.title ?? top.id}</strong> ({top.score.toFixed(2)}, {scopeLabel(top.scope)})
                </>
              ) : (
                "No cause passes the worth-investigating threshold yet"
              )}
            </span>
            <span className="text-xs text-muted">
              {data.samples} sample{data.samples === 1 ? "" : "s"} over {data.windowSeconds}s
              {data.takenAt ? `, newest ${utcClock(data.takenAt)}Z` : ""} · {data.scopes.map((s) => scopeLabel(s.scope)).join(", ")}
            </span>
          </>
        ) : null}
        <span className="ml-auto text-xs text-muted">↑↓ move · → open · ← close · Enter details · type to search</span>
      </div>
      {isError ? <p role="alert" className="mb-2 text-sm text-bad">Diagnosis failed ({error.message}); the tree shows marks only.</p> : null}
      {data?.warnings.length ? (
        <ul className="mb-2 space-y-0.5 text-sm text-warn">{data.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="rounded-lg border border-border bg-surface p-2">
          <TreeOutline outline={outline} selected={selected} onOpen={open} />
        </div>
        {node ? (
          <NodeDetail node={node} incidentId={incidentId} answers={answers} canMark={canMark} canAnswer={canAnswer} link={linkTo(node.id)} onOpen={open} />
        ) : (
          <p className="rounded-lg border border-dashed border-border bg-surface p-4 text-sm text-muted">
            Pick a node (Enter, or click) to see its evidence, questions, mitigations and the wrong approach.
            {outline.suggested ? " The suggested path is highlighted." : ""}
          </p>
        )}
      </div>
    </div>
  );
}
