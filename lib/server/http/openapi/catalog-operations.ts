import { z } from "zod";
import { MAX_CATALOG_FILE_BYTES } from "@/lib/domain/catalog/yaml";
import { AlertmanagerPayload, IntakeResultView, WebhookPayload } from "@/lib/schemas/alerts";
import { OwnerParams, OwnerView, SetOwnerMembersBody } from "@/lib/schemas/owners";
import { CatalogEntryInput, CatalogEntryParams, CatalogEntryView, ImportCatalogBody, ImportResultView, MatchCatalogQuery } from "@/lib/schemas/catalog";
import { defineOperations } from "./types";

export const catalogOperations = defineOperations({
  list: { method: "get", path: "/api/catalog", summary: "The ownership catalog", tag: "catalog", auth: "viewer", response: z.object({ entries: z.array(CatalogEntryView) }) },
  upsert: { method: "post", path: "/api/catalog", summary: "Create the entry for a topic/group, or replace the one with the same match (201 when created)", tag: "catalog", auth: "admin", body: CatalogEntryInput, response: z.object({ entry: CatalogEntryView }), status: 201 },
  update: { method: "put", path: "/api/catalog/{id}", summary: "Edit a catalog entry", tag: "catalog", auth: "admin", params: CatalogEntryParams, body: CatalogEntryInput, response: z.object({ entry: CatalogEntryView }) },
  remove: { method: "delete", path: "/api/catalog/{id}", summary: "Delete a catalog entry", tag: "catalog", auth: "admin", params: CatalogEntryParams, status: 204 },
  importYaml: {
    method: "post",
    path: "/api/catalog/import",
    summary: "Import the catalog from YAML, all or nothing; 422 with lineErrors[] {line, column, path, message} when any entry is invalid",
    tag: "catalog",
    auth: "admin",
    body: ImportCatalogBody,
    response: ImportResultView,
    maxBodyBytes: MAX_CATALOG_FILE_BYTES + 64 * 1024,
  },
  exportYaml: { method: "get", path: "/api/catalog/export", summary: "The catalog as a YAML file (for version control)", tag: "catalog", auth: "viewer", responseType: "application/yaml" },
  match: { method: "get", path: "/api/catalog/match", summary: "Owners, severity context (freshness SLO, tier) and blast radius for topics/groups (comma-separated)", tag: "catalog", auth: "viewer", query: MatchCatalogQuery },
});

export const alertOperations = defineOperations({
  alertmanager: {
    method: "post",
    path: "/api/alerts/alertmanager",
    summary: "Prometheus Alertmanager webhook (version 4), an alert-source API token as Bearer; de-duplicated by fingerprint, grouped by scope within 30 min, all or nothing",
    tag: "alerts",
    auth: "alert-source",
    body: AlertmanagerPayload,
    response: IntakeResultView,
    maxBodyBytes: 2 * 1024 * 1024,
  },
  webhook: {
    method: "post",
    path: "/api/alerts/webhook",
    summary: "Generic JSON alert webhook for other sources (an alert-source API token as Bearer); scope from cluster/topic/group; fingerprint derived when absent",
    tag: "alerts",
    auth: "alert-source",
    body: WebhookPayload,
    response: IntakeResultView,
    maxBodyBytes: 2 * 1024 * 1024,
  },
});

/** Who speaks for each owner the catalog names: offset changes of a catalogued group need its action owner's approval. */
export const ownerOperations = defineOperations({
  list: { method: "get", path: "/api/owners", summary: "Every owner the catalog names (impact, diagnosis, action), where, and the people mapped to it", tag: "catalog", auth: "viewer", response: z.object({ owners: z.array(OwnerView) }) },
  setMembers: {
    method: "put",
    path: "/api/owners/{name}",
    summary: "Map people to a catalog owner (replaces the list): they approve offset resets and skips of the groups it is action owner of",
    tag: "catalog",
    auth: "admin",
    params: OwnerParams,
    body: SetOwnerMembersBody,
    response: z.object({ owner: OwnerView }),
  },
});
