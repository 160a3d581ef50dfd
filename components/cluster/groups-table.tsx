"use client";
import Link from "next/link";
import { groupPath } from "@/lib/client/cluster-paths";
import type { GroupRow } from "@/lib/schemas/cluster";
import { formatCount, formatRate} from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { RetentionRisk } from "./retention-risk";
import { StatusBadge } from "./status-badge";

const DRAIN: Record<GroupRow["drain"], string> = { "caught-up": "caught up", draining: "draining", "not-draining": "not draining", unknown: "—" };

export function GroupsTable({ cluster, groups, takenAt, now, limit = 200 }: { cluster: string; groups: GroupRow[]; takenAt: number | null; now: number; limit?: number }) {
  if (groups.length === 0) return <p className="text-sm text-muted" data-testid="groups-empty">No consumer groups on this cluster.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="groups-table">
        <thead className="text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="py-2 pr-4">Group</th>
            <th className="py-2 pr-4">Status</th>
            <th className="py-2 pr-4">State</th>
            <th className="py-2 pr-4">Protocol</th>
            <th className="py-2 pr-4 text-right">Members</th>
            <th className="py-2 pr-4 text-right">Lag (records)</th>
            <th className="py-2 pr-4 text-right">Time lag</th>
            <th className="py-2 pr-4 text-right">Lag growth</th>
            <th className="py-2 pr-4">Drain</th>
            <th className="py-2 pr-4">Retention risk</th>
          </tr>
        </thead>
        <tbody>
          {groups.slice(0, limit).map((g) => {
            const risky = g.retention.kind === "lost" || g.retention.kind === "expires-before-drain";
            return (
              <tr key={g.groupId} data-testid="group-row" data-group={g.groupId} data-status={g.status} className={`border-t border-border ${risky ? "bg-bad/5" : ""}`}>
                <td className="py-2 pr-4 font-mono">
                  <Link href={groupPath(cluster, g.groupId)} className="text-accent underline-offset-2 hover:underline">
                    {g.groupId}
                  </Link>
                </td>
                <td className="py-2 pr-4">
                  <StatusBadge status={g.status} reason={g.statusReason} />
                </td>
                <td className="py-2 pr-4 text-muted">{g.state}</td>
                <td className="py-2 pr-4 text-muted" data-testid="group-protocol">
                  {g.protocol}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">{g.members}</td>
                <td className="py-2 pr-4 text-right font-mono tabular-nums" data-testid="group-lag">
                  {formatCount(g.totalLag)}
                </td>
                <td className="py-2 pr-4 text-right font-mono tabular-nums" data-testid="group-time-lag">
                  {formatDuration(g.maxTimeLagSeconds)}
                </td>
                <td className={`py-2 pr-4 text-right font-mono tabular-nums ${g.lagGrowthPerSec !== null && g.lagGrowthPerSec > 0.5 ? "text-warn" : ""}`}>
                  {g.lagGrowthPerSec === null ? "—" : `${g.lagGrowthPerSec > 0 ? "+" : ""}${formatRate(g.lagGrowthPerSec)}`}
                </td>
                <td className="py-2 pr-4">{g.drain === "draining" ? `in ${formatDuration(g.timeToDrainSeconds)}` : DRAIN[g.drain]}</td>
                <td className="py-2 pr-4">
                  <RetentionRisk risk={g.retention} takenAt={takenAt} now={now} compact />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {groups.length > limit ? <p className="mt-2 text-xs text-muted">Showing the {limit} most urgent of {groups.length} groups.</p> : null}
    </div>
  );
}
