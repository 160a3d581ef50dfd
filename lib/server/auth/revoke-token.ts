import "server-only";
import type { ApiTokenView } from "@/lib/schemas/auth";
import { db } from "../db";
import { notFound } from "../http/errors";
import { log } from "../log";
import type { Principal } from "./identify";
import { peopleOf, toTokenView } from "./list-tokens";

/**
 * DELETE /api/tokens/{id}: the token stops working on its next request (identify reads the row
 * every time). The owner revokes their own; an admin any. Someone else's token is "not found".
 */
export async function revokeApiToken(id: string, principal: Principal): Promise<ApiTokenView> {
  const row = await db().apiToken.findUnique({ where: { id } });
  if (!row || (principal.role !== "admin" && (principal.kind !== "user" || row.ownerId !== principal.id))) throw notFound("token");
  const revoked = row.revokedAt ? row : await db().apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedById: principal.accountableId } });
  if (!row.revokedAt) log("info", "api token revoked", { tokenId: id, name: row.name, by: principal.accountableId });
  return toTokenView(revoked, await peopleOf([revoked]));
}
