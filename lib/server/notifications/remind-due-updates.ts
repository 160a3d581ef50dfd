import "server-only";
import { STAKEHOLDER_UPDATE_KIND, UPDATE_DUE_KIND, type StakeholderUpdatePayload, type UpdateDuePayload } from "@/lib/domain/notifications/updates";
import { utcTime } from "@/lib/domain/notifications/compose";
import { db } from "@/lib/server/db";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";

const OPEN = ["detection", "triage", "mitigation", "resolution"];

/**
 * For every open incident whose latest stakeholder update promised a next one by now, and got
 * none: one "stakeholder-update-due" entry (announced on the incident room like any entry; the
 * page shows it). One per update, whichever process gets there first. Returns how many it wrote.
 */
export async function remindDueUpdates(now: Date = new Date()): Promise<number> {
  const incidents = await db().incident.findMany({ where: { status: { in: OPEN } }, select: { id: true } });
  let written = 0;
  for (const { id } of incidents) {
    const latest = await db().incidentEntry.findFirst({ where: { incidentId: id, item: STAKEHOLDER_UPDATE_KIND }, orderBy: { seq: "desc" } });
    if (!latest) continue;
    const update = JSON.parse(latest.payload) as StakeholderUpdatePayload;
    if (!update.nextUpdateAt || Date.parse(update.nextUpdateAt) > now.getTime()) continue;
    const key = `update-due:${latest.id}`;
    if (await db().incidentEntry.findFirst({ where: { incidentId: id, idempotencyKey: key }, select: { id: true } })) continue;
    const payload: UpdateDuePayload = { updateSeq: latest.seq, dueAt: update.nextUpdateAt, summary: `The next stakeholder update was due at ${utcTime(update.nextUpdateAt)} (promised by ${latest.authorName} in update #${latest.seq}).` };
    const { duplicate } = await appendEntry({ incidentId: id, kind: UPDATE_DUE_KIND, author: SYSTEM_AUTHOR, idempotencyKey: key, payload });
    if (!duplicate) written++;
  }
  return written;
}
