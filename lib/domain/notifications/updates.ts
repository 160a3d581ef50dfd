/**
 * Stakeholder updates (issue 17, seed 003 "clear communication with stakeholders"): the
 * commander posts what we know, the impact, what happens next and when the next update comes.
 * Each is a log entry and goes to the incident's channels; when the next update is due and none
 * came, one reminder entry is written (and announced) per update.
 */
import type { IncidentEntry } from "@/lib/domain/incidents/types";

export const STAKEHOLDER_UPDATE_KIND = "stakeholder-update";
export const UPDATE_DUE_KIND = "stakeholder-update-due";

export interface StakeholderUpdatePayload {
  known: string;
  impact: string;
  next: string;
  /** ISO-8601; null: no further update promised */
  nextUpdateAt: string | null;
}

export interface UpdateDuePayload {
  /** the update whose promised next update is late */
  updateSeq: number;
  dueAt: string;
  summary: string;
}

export interface UpdateSchedule {
  latest: { seq: number; at: string; by: string; payload: StakeholderUpdatePayload } | null;
  count: number;
  /** when the next update is promised (null when none is) */
  dueAt: string | null;
  /** the promise is past and no reminder for it was written yet */
  reminderNeeded: boolean;
  overdue: boolean;
}

/** Where the incident stands with its updates at `now` (epoch ms). Pure. */
export function updateSchedule(entries: readonly IncidentEntry[], now: number): UpdateSchedule {
  const updates = entries.filter((e) => e.kind === STAKEHOLDER_UPDATE_KIND).sort((a, b) => a.seq - b.seq);
  const last = updates[updates.length - 1];
  if (!last) return { latest: null, count: 0, dueAt: null, reminderNeeded: false, overdue: false };
  const payload = last.payload as StakeholderUpdatePayload;
  const dueAt = payload.nextUpdateAt;
  const overdue = dueAt !== null && Date.parse(dueAt) <= now;
  const reminded = entries.some((e) => e.kind === UPDATE_DUE_KIND && (e.payload as UpdateDuePayload).updateSeq === last.seq);
  return { latest: { seq: last.seq, at: last.createdAt, by: last.author.name, payload }, count: updates.length, dueAt, reminderNeeded: overdue && !reminded, overdue };
}
