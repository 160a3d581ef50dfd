import "server-only";
import { ownerKey } from "@/lib/domain/auth/separation-of-duties";
import { OWNER_ROLES, type OwnerRole } from "@/lib/domain/catalog/types";
import type { OwnerView } from "@/lib/schemas/owners";
import { listCatalogEntries } from "../catalog/list-entries";
import { db } from "../db";

/**
 * Every owner the catalog names (as impact, diagnosis or action owner of some entry), with the
 * people mapped to it; owners no longer in the catalog stay listed while someone is mapped.
 */
export async function listOwners(): Promise<OwnerView[]> {
  const [entries, members] = await Promise.all([listCatalogEntries(), db().ownerMember.findMany({ include: { user: true }, orderBy: { createdAt: "asc" } })]);
  const owners = new Map<string, OwnerView>();
  const add = (name: string) => {
    const key = ownerKey(name);
    let view = owners.get(key);
    if (!view) {
      view = { name: name.trim(), key, appearsIn: [], members: [] };
      owners.set(key, view);
    }
    return view;
  };
  for (const e of entries) {
    for (const role of OWNER_ROLES as readonly OwnerRole[]) {
      const name = e.owners[role].name;
      if (name.trim()) add(name).appearsIn.push({ kind: e.kind, match: e.match, role });
    }
  }
  for (const m of members) (owners.get(m.owner) ?? add(m.owner)).members.push({ id: m.user.id, name: m.user.name, disabled: m.user.disabledAt !== null });
  return [...owners.values()].sort((a, b) => a.name.localeCompare(b.name));
}
