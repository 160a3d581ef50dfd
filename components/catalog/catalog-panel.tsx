"use client";
import { useState, type ChangeEvent, type FormEvent } from "react";
import type { CatalogEntryInput } from "@/lib/domain/catalog/schema";
import { OWNER_ROLES, OWNER_ROLE_LABELS, TIERS } from "@/lib/domain/catalog/types";
import { ApiError } from "@/lib/client/api";
import { useCatalog, useDeleteCatalogEntry, useImportCatalog, useSaveCatalogEntry } from "@/lib/client/hooks/use-catalog";
import type { CatalogEntryView } from "@/lib/schemas/catalog";

const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm";
const button = "rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white disabled:opacity-60";
const quiet = "rounded-md border border-border px-3 py-2 text-sm hover:border-accent";

export function CatalogPanel({ canEdit }: { canEdit: boolean }) {
  const catalog = useCatalog();
  const [editing, setEditing] = useState<CatalogEntryView | "new" | null>(null);
  const remove = useDeleteCatalogEntry();
  return (
    <div className="space-y-8">
      <section aria-labelledby="catalog-heading">
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <h2 id="catalog-heading" className="text-lg font-semibold">Entries</h2>
          <a href="/api/catalog/export" download="ripcord-catalog.yaml" className={`${quiet} ml-auto`} data-testid="catalog-export">
            Export YAML
          </a>
          {canEdit ? (
            <button type="button" className={button} onClick={() => setEditing("new")}>
              Add entry
            </button>
          ) : null}
        </div>
        {catalog.isPending ? <p className="text-sm text-muted">Loading the catalog…</p> : null}
        {catalog.error ? <p role="alert" className="text-sm text-bad">Could not load the catalog: {catalog.error.message}</p> : null}
        {catalog.data && catalog.data.entries.length === 0 ? <p className="text-sm text-muted">No entries yet. Import a YAML file or add an entry.</p> : null}
        {catalog.data && catalog.data.entries.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" data-testid="catalog-table">
              <thead>
                <tr className="border-b border-border text-left text-muted">
                  <th className="py-2 pr-3 font-medium">Match</th>
                  <th className="py-2 pr-3 font-medium">Service / team</th>
                  <th className="py-2 pr-3 font-medium">Tier</th>
                  <th className="py-2 pr-3 font-medium">Freshness SLO</th>
                  {OWNER_ROLES.map((r) => (
                    <th key={r} className="py-2 pr-3 font-medium">{OWNER_ROLE_LABELS[r]}</th>
                  ))}
                  <th className="py-2 pr-3 font-medium">Runbook</th>
                  <th className="py-2 pr-3 font-medium">Channels</th>
                  {canEdit ? <th className="py-2 font-medium"><span className="sr-only">Actions</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {catalog.data.entries.map((e) => (
                  <tr key={e.id} className="border-b border-border/60 align-top">
                    <td className="py-2 pr-3">
                      <span className="mr-1 rounded bg-surface-2 px-1.5 py-0.5 text-xs text-muted">{e.kind}</span>
                      <span className="font-mono text-xs">{e.match}</span>
                      {e.reads.length ? <div className="mt-1 text-xs text-muted">reads {e.reads.join(", ")}</div> : null}
                    </td>
                    <td className="py-2 pr-3">
                      {e.service}
                      <div className="text-xs text-muted">{e.team}</div>
                    </td>
                    <td className="py-2 pr-3">{e.tier}</td>
                    <td className="py-2 pr-3">{e.freshnessSloSeconds !== null ? `${e.freshnessSloSeconds} s` : "—"}</td>
                    {OWNER_ROLES.map((r) => (
                      <td key={r} className="py-2 pr-3">
                        {e.owners[r].name}
                        <div className="font-mono text-xs text-muted">{e.owners[r].contact}</div>
                      </td>
                    ))}
                    <td className="py-2 pr-3">{e.runbook ? <a className="text-accent underline" href={e.runbook} target="_blank" rel="noreferrer">runbook</a> : "—"}</td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      {e.channels.length ? e.channels.join(", ") : "—"}
                      {e.onBreach === "propose" ? <div className="font-sans text-muted">breach: propose</div> : null}
                    </td>
                    {canEdit ? (
                      <td className="whitespace-nowrap py-2">
                        <button type="button" className="mr-2 text-accent underline" onClick={() => setEditing(e)}>Edit</button>
                        <button type="button" className="text-bad underline" onClick={() => window.confirm(`Delete the entry for ${e.kind} ${e.match}?`) && remove.mutate(e.id)}>Delete</button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {canEdit && editing ? <EntryForm key={editing === "new" ? "new" : editing.id} entry={editing === "new" ? null : editing} onDone={() => setEditing(null)} /> : null}
      {canEdit ? <ImportForm /> : <p className="text-sm text-muted">Only admins edit the catalog. Export it to review it or keep it in version control.</p>}
    </div>
  );
}

function EntryForm({ entry, onDone }: { entry: CatalogEntryView | null; onDone: () => void }) {
  const save = useSaveCatalogEntry();
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const slo = s("freshnessSloSeconds");
    const reads = s("reads").split(",").map((x) => x.trim()).filter(Boolean);
    const channels = s("channels").split(",").map((x) => x.trim()).filter(Boolean);
    const body: CatalogEntryInput = {
      [s("kind") === "group" ? "group" : "topic"]: s("match"),
      service: s("service"),
      team: s("team"),
      tier: s("tier") as CatalogEntryInput["tier"],
      freshnessSloSeconds: slo ? Number(slo) : null,
      owners: { impact: { name: s("impact.name"), contact: s("impact.contact") }, diagnosis: { name: s("diagnosis.name"), contact: s("diagnosis.contact") }, action: { name: s("action.name"), contact: s("action.contact") } },
      runbook: s("runbook") || null,
      ...(reads.length ? { reads } : {}),
      channels,
      onBreach: s("onBreach") === "propose" ? "propose" : "open",
      notes: s("notes") || null,
    };
    setError(null);
    try {
      await save.mutateAsync({ id: entry?.id ?? null, input: body });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.fieldErrors.map((x) => `${x.path}: ${x.message}`)].join(" · ") : "saving failed");
    }
  }
  return (
    <section aria-labelledby="entry-form-heading" className="rounded-lg border border-border bg-surface p-5">
      <h2 id="entry-form-heading" className="mb-3 text-lg font-semibold">{entry ? `Edit ${entry.kind} ${entry.match}` : "New entry"}</h2>
      <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-3" data-testid="catalog-entry-form">
        <label className="block text-sm font-medium">
          Kind
          <select name="kind" defaultValue={entry?.kind ?? "topic"} className={input}>
            <option value="topic">Topic</option>
            <option value="group">Consumer group</option>
          </select>
        </label>
        <label className="block text-sm font-medium md:col-span-2">
          Name or pattern (* ? [..]; exact beats pattern)
          <input name="match" required defaultValue={entry?.match} className={`${input} font-mono`} />
        </label>
        <label className="block text-sm font-medium">
          Service
          <input name="service" required defaultValue={entry?.service} className={input} />
        </label>
        <label className="block text-sm font-medium">
          Team
          <input name="team" required defaultValue={entry?.team} className={input} />
        </label>
        <label className="block text-sm font-medium">
          Tier
          <select name="tier" defaultValue={entry?.tier ?? "standard"} className={input}>
            {TIERS.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Freshness SLO (seconds)
          <input name="freshnessSloSeconds" type="number" min={1} defaultValue={entry?.freshnessSloSeconds ?? ""} className={input} />
        </label>
        <label className="block text-sm font-medium md:col-span-2">
          Runbook URL
          <input name="runbook" type="url" defaultValue={entry?.runbook ?? ""} className={input} />
        </label>
        {OWNER_ROLES.map((r) => (
          <fieldset key={r} className="rounded-md border border-border p-3">
            <legend className="px-1 text-sm font-medium">{OWNER_ROLE_LABELS[r]}</legend>
            <label className="block text-xs text-muted">
              Team or person
              <input name={`${r}.name`} required defaultValue={entry?.owners[r].name} className={input} />
            </label>
            <label className="mt-2 block text-xs text-muted">
              How to reach them
              <input name={`${r}.contact`} required placeholder="slack:#channel, pagerduty:…, email" defaultValue={entry?.owners[r].contact} className={input} />
            </label>
          </fieldset>
        ))}
        <label className="block text-sm font-medium md:col-span-2">
          Reads (group entries: topics it consumes, comma-separated)
          <input name="reads" defaultValue={entry?.reads.join(", ") ?? ""} className={`${input} font-mono`} />
        </label>
        <label className="block text-sm font-medium md:col-span-2">
          Notification channels (comma-separated names, Settings → Notifications)
          <input name="channels" defaultValue={entry?.channels.join(", ") ?? ""} placeholder="payments-oncall" className={`${input} font-mono`} />
        </label>
        <label className="block text-sm font-medium">
          On a freshness breach
          <select name="onBreach" defaultValue={entry?.onBreach ?? "open"} className={input}>
            <option value="open">open an incident</option>
            <option value="propose">propose one for a person to open</option>
          </select>
        </label>
        <label className="block text-sm font-medium">
          Notes
          <input name="notes" defaultValue={entry?.notes ?? ""} className={input} />
        </label>
        {error ? <p role="alert" className="text-sm text-bad md:col-span-3">{error}</p> : null}
        <div className="flex gap-2 md:col-span-3">
          <button type="submit" disabled={save.isPending} className={button}>{save.isPending ? "Saving…" : "Save entry"}</button>
          <button type="button" onClick={onDone} className={quiet}>Cancel</button>
        </div>
      </form>
    </section>
  );
}

interface LineError {
  line: number;
  column: number;
  path: string;
  message: string;
}

function ImportForm() {
  const importer = useImportCatalog();
  const [text, setText] = useState("");
  const [mode, setMode] = useState<"replace" | "merge">("replace");
  const [errors, setErrors] = useState<LineError[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  }
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors([]);
    setMessage(null);
    try {
      const r = await importer.mutateAsync({ yaml: text, mode });
      setMessage(`Imported: ${r.created} created, ${r.updated} updated, ${r.deleted} deleted; ${r.total} entries now.`);
    } catch (e) {
      if (e instanceof ApiError) {
        setMessage(e.message);
        setErrors(
          e.fieldErrors.map((f) => {
            const m = /^line (\d+), column (\d+): (.*)$/.exec(f.message);
            return { line: Number(m?.[1] ?? 0), column: Number(m?.[2] ?? 0), path: f.path, message: m?.[3] ?? f.message };
          }),
        );
      } else setMessage("import failed");
    }
  }
  const lines = text.split("\n");
  return (
    <section aria-labelledby="import-heading" className="rounded-lg border border-border bg-surface p-5">
      <h2 id="import-heading" className="mb-1 text-lg font-semibold">Import YAML</h2>
      <p className="mb-3 text-sm text-muted">All or nothing: any invalid entry refuses the whole file, with its line. “Replace” makes the catalog exactly the file; “merge” only adds and updates.</p>
      <form onSubmit={onSubmit} className="space-y-3" data-testid="catalog-import-form">
        <input type="file" accept=".yaml,.yml,text/yaml" onChange={onFile} aria-label="YAML file" className="text-sm" />
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={12} spellCheck={false} aria-label="Catalog YAML" placeholder={"version: 1\nentries:\n  - topic: payments.*\n    service: checkout\n    …"} className={`${input} font-mono text-xs`} />
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm">
            <input type="radio" name="mode" checked={mode === "replace"} onChange={() => setMode("replace")} className="mr-1" />
            Replace the catalog
          </label>
          <label className="text-sm">
            <input type="radio" name="mode" checked={mode === "merge"} onChange={() => setMode("merge")} className="mr-1" />
            Merge
          </label>
          <button type="submit" disabled={importer.isPending || !text.trim()} className={button}>{importer.isPending ? "Importing…" : "Import"}</button>
        </div>
        {message ? <p role={errors.length ? "alert" : "status"} className={`text-sm ${errors.length ? "text-bad" : "text-ok"}`}>{message}</p> : null}
        {errors.length ? (
          <ul className="space-y-2 text-sm" data-testid="catalog-import-errors">
            {errors.map((e, i) => (
              <li key={i} className="rounded-md border border-bad/40 bg-surface-2 p-2">
                <span className="font-semibold">Line {e.line}, column {e.column}</span>
                {e.path ? <span className="ml-2 font-mono text-xs text-muted">{e.path}</span> : null}: {e.message}
                {lines[e.line - 1] !== undefined ? <pre className="mt-1 overflow-x-auto font-mono text-xs text-muted">{`${e.line} | ${lines[e.line - 1]}`}</pre> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </form>
    </section>
  );
}
