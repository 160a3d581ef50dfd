"use client";
import { useIncidentUi } from "@/lib/client/stores/incident-ui-store";

function offsetLabel(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "−";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** "2026-01-05 09:12:03 UTC" or "2026-01-05 10:12:03 UTC+01:00": never ambiguous. */
export function formatTime(iso: string, zone: "local" | "utc", withDate = true): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  const parts = zone === "utc" ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()] : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  const [y, mo, da, h, mi, s] = parts as [number, number, number, number, number, number];
  const time = `${pad(h)}:${pad(mi)}:${pad(s)}`;
  return `${withDate ? `${y}-${pad(mo)}-${pad(da)} ` : ""}${time} ${zone === "utc" ? "UTC" : offsetLabel(d)}`;
}

export function Time({ iso, withDate = true }: { iso: string; withDate?: boolean }) {
  const zone = useIncidentUi((s) => s.timeZone);
  return (
    <time dateTime={iso} title={new Date(iso).toISOString()} className="font-mono tabular-nums" suppressHydrationWarning>
      {formatTime(iso, zone, withDate)}
    </time>
  );
}

export function TimeZoneToggle() {
  const zone = useIncidentUi((s) => s.timeZone);
  const setZone = useIncidentUi((s) => s.setTimeZone);
  return (
    <div role="group" aria-label="Time zone" className="inline-flex overflow-hidden rounded-md border border-border text-xs">
      {(["local", "utc"] as const).map((z) => (
        <button key={z} type="button" aria-pressed={zone === z} onClick={() => setZone(z)} className={`px-2 py-1 ${zone === z ? "bg-accent text-bg" : "text-muted hover:text-fg"}`}>
          {z === "local" ? "Local" : "UTC"}
        </button>
      ))}
    </div>
  );
}
