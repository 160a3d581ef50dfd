"use client";
import { useMemo, useState, type FormEvent } from "react";
import { Time } from "@/components/timeline/time";
import { ApiError } from "@/lib/client/api";
import { usePostStakeholderUpdate } from "@/lib/client/hooks/use-notifications";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { updateSchedule } from "@/lib/domain/notifications/updates";
import { useNow } from "@/components/cluster/use-now";

const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm";
const button = "rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white disabled:opacity-60";

const NEXT_CHOICES = [15, 30, 60] as const;

/** The latest stakeholder update, whether the next one is due, and (commanders) the form to post one. */
export function StakeholderUpdates({ incidentId, entries, canPost }: { incidentId: string; entries: IncidentEntry[]; canPost: boolean }) {
  const now = useNow(15_000);
  const schedule = useMemo(() => updateSchedule(entries, now), [entries, now]);
  const [open, setOpen] = useState(false);
  const latest = schedule.latest;
  return (
    <section aria-labelledby="updates-heading" className="mb-3 rounded-lg border border-border bg-surface px-4 py-3" data-testid="stakeholder-updates">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="updates-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">Stakeholder updates</h2>
        {schedule.overdue ? (
          <span role="status" className="rounded border border-bad px-1.5 py-0.5 text-xs font-semibold text-bad" data-testid="update-overdue">
            next update overdue since <Time iso={schedule.dueAt!} />
          </span>
        ) : schedule.dueAt ? (
          <span className="text-xs text-muted">next update due <Time iso={schedule.dueAt} /></span>
        ) : null}
        {canPost ? (
          <button type="button" className="ml-auto text-xs text-accent underline" aria-expanded={open} onClick={() => setOpen((v) => !v)} data-testid="update-compose-toggle">
            Post an update
          </button>
        ) : null}
      </div>
      {latest ? (
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm md:grid-cols-[auto_1fr]" data-testid="latest-update">
          <dt className="text-muted">What we know</dt>
          <dd>{latest.payload.known}</dd>
          <dt className="text-muted">Impact</dt>
          <dd>{latest.payload.impact}</dd>
          <dt className="text-muted">Next</dt>
          <dd>{latest.payload.next}</dd>
          <dt className="text-muted">Posted</dt>
          <dd className="text-xs text-muted">#{latest.seq} by {latest.by}, <Time iso={latest.at} /> ({schedule.count} so far)</dd>
        </dl>
      ) : (
        <p className="mt-1 text-sm text-muted">No update posted yet: stakeholders hear nothing until the commander posts one.</p>
      )}
      {open && canPost ? <UpdateForm incidentId={incidentId} onDone={() => setOpen(false)} /> : null}
    </section>
  );
}

function UpdateForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const post = usePostStakeholderUpdate(incidentId);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const minutes = Number(s("nextIn"));
    setError(null);
    try {
      await post.mutateAsync({ known: s("known"), impact: s("impact"), next: s("next"), nextUpdateAt: minutes > 0 ? new Date(Date.now() + minutes * 60_000).toISOString() : null, idempotencyKey: key });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.fieldErrors.map((x) => `${x.path}: ${x.message}`)].join(" · ") : "posting failed");
    }
  }
  return (
    <form onSubmit={onSubmit} className="mt-3 grid gap-3 border-t border-border pt-3 md:grid-cols-3" data-testid="update-form">
      <label className="block text-sm font-medium">
        What we know
        <textarea name="known" required minLength={3} rows={3} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Impact
        <textarea name="impact" required minLength={3} rows={3} className={input} />
      </label>
      <label className="block text-sm font-medium">
        What happens next
        <textarea name="next" required minLength={3} rows={3} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Next update in
        <select name="nextIn" defaultValue="30" className={input}>
          {NEXT_CHOICES.map((m) => (
            <option key={m} value={m}>{m} min</option>
          ))}
          <option value="0">no further update promised</option>
        </select>
      </label>
      {error ? <p role="alert" className="text-sm text-bad md:col-span-3">{error}</p> : null}
      <div className="flex items-end gap-2 md:col-span-2">
        <button type="submit" disabled={post.isPending} className={button}>{post.isPending ? "Posting…" : "Post to the log and the channels"}</button>
        <button type="button" onClick={onDone} className="rounded-md border border-border px-3 py-2 text-sm">Cancel</button>
      </div>
    </form>
  );
}
