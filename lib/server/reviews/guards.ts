import "server-only";
import type { Review as ReviewRow } from "@prisma/client";
import { db } from "@/lib/server/db";
import { conflict } from "@/lib/server/http/errors";
import { incidentExists } from "@/lib/server/incidents/get-incident";
import { notFound } from "@/lib/server/http/errors";

export async function requireIncident(incidentId: string): Promise<void> {
  if (!(await incidentExists(incidentId))) throw notFound("incident");
}

/** Refuses any change to the written review once it is published. */
export function refuseIfPublished(row: Pick<ReviewRow, "state"> | null): void {
  if (row?.state === "published") throw conflict("this review is published and read-only", { state: "published" });
}

export async function reviewRow(incidentId: string): Promise<ReviewRow | null> {
  return db().review.findUnique({ where: { incidentId } });
}

export function staleVersion(what: string, current: number, expected: number) {
  return conflict(`someone changed ${what} meanwhile (now at version ${current}, you had ${expected}); reload and apply your change again`, { currentVersion: current });
}
