"use client";
import type { RetentionRiskView } from "@/lib/schemas/cluster";
import { formatCount} from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";

/**
 * Retention risk: "data lost" (committed offset below log start), or a countdown to when
 * retention deletes the oldest unread record (ticks down between polls from the sample time).
 */
export function RetentionRisk({ risk, takenAt, now, compact = false }: { risk: RetentionRiskView; takenAt: number | null; now: number; compact?: boolean }) {
  const where = risk.where ? ` on ${risk.where}` : "";
  if (risk.kind === "lost") {
    return (
      <span data-testid="retention-risk" data-kind="lost" className="font-semibold text-bad">
        {formatCount(risk.recordsLost)} records lost{compact ? "" : `${where}: deleted by retention before being read`}
      </span>
    );
  }
  if (risk.kind === "expires-before-drain" || risk.kind === "safe") {
    const elapsed = takenAt === null ? 0 : Math.max(0, (now - takenAt) / 1000);
    const left = Math.max(0, (risk.secondsUntilExpiry ?? 0) - elapsed);
    const danger = risk.kind === "expires-before-drain";
    // Red when the loss is less than 6 h away; further out it is a warning, not an emergency.
    const tone = danger ? (left < 6 * 3600 ? "font-semibold text-bad" : "font-semibold text-warn") : "text-muted";
    return (
      <span data-testid="retention-risk" data-kind={risk.kind} className={tone}>
        {danger ? "Loss in " : "Retention deadline in "}
        <span className="font-mono tabular-nums" data-testid="retention-countdown">
          {formatDuration(left)}
        </span>
        {compact ? null : danger ? `${where}: retention deletes unread records before the group drains (drain ${risk.secondsToDrain === null ? "not happening" : `in ${formatDuration(risk.secondsToDrain)}`})` : `${where}; drains first`}
      </span>
    );
  }
  if (risk.kind === "unknown") {
    return (
      <span data-testid="retention-risk" data-kind="unknown" className="text-muted" title={risk.why ?? undefined}>
        unknown
      </span>
    );
  }
  return (
    <span data-testid="retention-risk" data-kind="none" className="text-muted" title={risk.why ?? undefined}>
      none
    </span>
  );
}
