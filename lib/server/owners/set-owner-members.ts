import "server-only";
import { ownerKey } from "@/lib/domain/auth/separation-of-duties";
import type { OwnerView } from "@/lib/schemas/owners";
import type { Principal } from "../auth/identify";
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { log } from "../log";
import { listOwners } from "./list-owners";

/** PUT /api/owners/{name} (admin): the people who speak for a catalog owner, replaced as a whole. */
export async function setOwnerMembers(name: string, userIds: readonly string[], by: Principal): Promise<OwnerView> {
  const key = ownerKey(name);
  const known = (await listOwners()).find((o) => o.key === key);
  if (!known) throw notFound(`owner "${name}" in the catalog`);
  const wanted = [...new Set(userIds)];
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true } });
  const missing = wanted.filter((id) => !users.some((u) => u.id === id));
  if (missing.length) throw new AppError("UNPROCESSABLE", `no user with id ${missing.join(", ")}`);
  await db().$transaction([
    db().ownerMember.deleteMany({ where: { owner: key, userId: { notIn: wanted } } }),
    ...wanted.map((userId) => db().ownerMember.upsert({ where: { owner_userId: { owner: key, userId } }, create: { owner: key, userId, createdBy: by.accountableId }, update: {} })),
  ]);
  log("info", "owner members set", { owner: key, members: wanted, by: by.accountableId });
  return (await listOwners()).find((o) => o.key === key) ?? { ...known, members: [] };
}
