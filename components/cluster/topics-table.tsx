"use client";
import Link from "next/link";
import type { TopicRow } from "@/lib/schemas/cluster";
import { topicPath } from "@/lib/client/cluster-paths";
import { useSearchParam } from "@/lib/client/hooks/use-search-param";
import { formatCount, formatMs, formatRate } from "./format";

const LIMIT = 200;

const text = (raw: string | null) => raw ?? "";
const flag = (raw: string | null) => raw === "1" || raw === "true";

/** Topics with partition health; offline, under-min-ISR and under-replicated partitions highlighted. The filters are in the URL (`?topic=`, `?problems=1`). */
export function TopicsTable({ cluster, topics }: { cluster: string; topics: TopicRow[] }) {
  const [topicFilter, setTopicFilter] = useSearchParam("topic", text, "");
  const [problemTopicsOnly, setProblemTopicsOnly] = useSearchParam("problems", flag, false);
  const needle = topicFilter.trim().toLowerCase();
  const shown = topics.filter((t) => (!needle || t.name.toLowerCase().includes(needle)) && (!problemTopicsOnly || t.offline + t.underReplicated + t.underMinIsr > 0));
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <span className="text-muted">Filter</span>
          <input
            type="search"
            data-testid="topic-filter"
            value={topicFilter}
            onChange={(e) => setTopicFilter(e.target.value)}
            placeholder="topic name"
            className="rounded border border-border bg-surface-2 px-2 py-1"
          />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={problemTopicsOnly} onChange={(e) => setProblemTopicsOnly(e.target.checked)} />
          <span>Only topics with partition problems</span>
        </label>
        <span className="text-muted">
          {shown.length} of {topics.length}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-muted" data-testid="topics-empty">
          {topics.length === 0 ? "No topics on this cluster." : "No topic matches."}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="topics-table">
            <thead className="text-left text-xs uppercase tracking-wide text-muted">
              <tr>
                <th className="py-2 pr-4">Topic</th>
                <th className="py-2 pr-4 text-right">Partitions</th>
                <th className="py-2 pr-4 text-right">RF</th>
                <th className="py-2 pr-4">Health</th>
                <th className="py-2 pr-4 text-right">Input</th>
                <th className="py-2 pr-4 text-right">Records</th>
                <th className="py-2 pr-4 text-right">Retention</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, LIMIT).map((t) => {
                const bad = t.offline > 0 || t.underMinIsr > 0;
                const warn = !bad && t.underReplicated > 0;
                return (
                  <tr key={t.name} data-testid="topic-row" data-topic={t.name} className={`border-t border-border ${bad ? "bg-bad/10" : warn ? "bg-warn/10" : ""}`}>
                    <td className="py-2 pr-4 font-mono">
                      <Link href={topicPath(cluster, t.name)} className="text-accent underline-offset-2 hover:underline">
                        {t.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{t.partitions}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{t.replicationFactor}</td>
                    <td className="py-2 pr-4">
                      {t.offline + t.underReplicated + t.underMinIsr === 0 ? (
                        <span className="text-ok">healthy</span>
                      ) : (
                        <span className="flex flex-wrap gap-2">
                          {t.offline > 0 ? <span className="font-semibold text-bad" data-testid="offline">{t.offline} offline</span> : null}
                          {t.underMinIsr > 0 ? <span className="font-semibold text-bad" data-testid="under-min-isr">{t.underMinIsr} under min ISR</span> : null}
                          {t.underReplicated > 0 ? <span className="font-semibold text-warn" data-testid="under-replicated">{t.underReplicated} under-replicated</span> : null}
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-4 text-right font-mono tabular-nums">{formatRate(t.inputRatePerSec)}</td>
                    <td className="py-2 pr-4 text-right font-mono tabular-nums">{formatCount(t.records)}</td>
                    <td className="py-2 pr-4 text-right font-mono tabular-nums">{t.retentionMs === null ? "—" : t.retentionMs < 0 ? "∞" : formatMs(t.retentionMs)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shown.length > LIMIT ? <p className="mt-2 text-xs text-muted">Showing {LIMIT} of {shown.length}; filter to narrow.</p> : null}
        </div>
      )}
    </div>
  );
}
