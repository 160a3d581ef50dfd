import "server-only";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/http/errors";

export async function deleteCatalogEntry(id: string): Promise<void> {
  const { count } = await db().catalogEntry.deleteMany({ where: { id } });
  if (count === 0) throw notFound("catalog entry");
}
