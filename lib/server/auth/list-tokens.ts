import "server-only";
import type { ApiToken } from "@prisma/client";
import type { TokenKind } from "@/lib/domain/auth/access";
import type { Role } from "@/lib/domain/auth/roles";
import type { ApiTokenView } from "@/lib/schemas/auth";
import { db } from "../db";
import type { Principal } from "./identify";

type PersonRef = { id: string; name: string };

export function toTokenView(row: ApiToken, people: Map<string, PersonRef>): ApiTokenView {
  const person = (id: string | null) => (id ? (people.get(id) ?? { id, name: "deleted user" }) : null);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as TokenKind,
    role: row.role as Role,
    owner: person(row.ownerId),
    createdBy: person(row.createdById),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: person(row.revokedById),
  };
}

/** Names of the people a set of token rows refers to. */
export async function peopleOf(rows: ApiToken[]): Promise<Map<string, PersonRef>> {
  const ids = [...new Set(rows.flatMap((r) => [r.ownerId, r.createdById, r.revokedById]).filter((id): id is string => !!id))];
  const users = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  return new Map(users.map((u) => [u.id, u]));
}

/** GET /api/tokens: an admin sees every token; everybody else their own personal tokens. Never the secret. */
export async function listApiTokens(principal: Principal): Promise<ApiTokenView[]> {
  if (principal.role !== "admin" && principal.kind !== "user") return [];
  const rows = await db().apiToken.findMany({ where: principal.role === "admin" ? {} : { ownerId: principal.id }, orderBy: { createdAt: "desc" } });
  const people = await peopleOf(rows);
  return rows.map((r) => toTokenView(r, people));
}
