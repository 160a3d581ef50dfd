"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CatalogEntryInput } from "@/lib/domain/catalog/schema";
import type { CatalogEntryView } from "@/lib/schemas/catalog";
import { apiFetch } from "../api";
import { queryKeys } from "../query-keys";

export function useCatalog() {
  return useQuery({ queryKey: queryKeys.catalog(), queryFn: () => apiFetch<{ entries: CatalogEntryView[] }>("/api/catalog") });
}

export function useSaveCatalogEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: CatalogEntryInput }) =>
      apiFetch<{ entry: CatalogEntryView }>(id ? `/api/catalog/${encodeURIComponent(id)}` : "/api/catalog", { method: id ? "PUT" : "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.catalog() }),
  });
}

export function useDeleteCatalogEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const response = await fetch(`/api/catalog/${encodeURIComponent(id)}`, { method: "DELETE", credentials: "same-origin" });
      if (!response.ok) await apiFetch(`/api/catalog/${encodeURIComponent(id)}`, { method: "DELETE" });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.catalog() }),
  });
}

export function useImportCatalog() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { yaml: string; mode: "replace" | "merge" }) => apiFetch<{ created: number; updated: number; deleted: number; total: number }>("/api/catalog/import", { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.catalog() }),
  });
}
