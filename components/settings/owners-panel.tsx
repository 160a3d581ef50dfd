"use client";
import { useState } from "react";
import { OWNER_ROLE_LABELS } from "@/lib/domain/catalog/types";
import { useOwners, useSetOwnerMembers } from "@/lib/client/hooks/use-owners";
import { useUsers } from "@/lib/client/hooks/use-users";
import type { OwnerView } from "@/lib/schemas/owners";
import { errorText, quiet } from "./form-bits";

/**
 * Catalog owners → people. An offset reset or skip of a group the catalog names needs approval by
 * a person mapped to that group's action owner (seed 002: offset resets only with data-owner approval).
 */
export function OwnersPanel({ canEdit }: { canEdit: boolean }) {
  const owners = useOwners();
  return (
    <section aria-labelledby="owners-heading">
      <h2 id="owners-heading" className="mb-3 text-lg font-semibold">Owners named in the catalog</h2>
      {owners.isPending ? <p className="text-sm text-muted">Loading owners…</p> : null}
      {owners.error ? <p role="alert" className="text-sm text-bad">Could not load owners: {owners.error.message}</p> : null}
      {owners.data && owners.data.owners.length === 0 ? (
        <p className="text-sm text-muted" data-testid="owners-empty">The catalog names no owners yet: add entries in Settings → Ownership catalog.</p>
      ) : null}
      {owners.data && owners.data.owners.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="owners-table">
            <thead>
              <tr className="border-b border-border text-left text-muted">
                <th className="py-2 pr-3 font-medium">Owner</th>
                <th className="py-2 pr-3 font-medium">Named as</th>
                <th className="py-2 pr-3 font-medium">People who speak for it</th>
              </tr>
            </thead>
            <tbody>{owners.data.owners.map((o) => <OwnerRow key={o.key} owner={o} canEdit={canEdit} />)}</tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function OwnerRow({ owner, canEdit }: { owner: OwnerView; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const approves = owner.appearsIn.filter((a) => a.role === "action" && a.kind === "group");
  return (
    <tr className="border-b border-border/60 align-top" data-testid={`owner-${owner.key}`}>
      <td className="py-2 pr-3 font-semibold">{owner.name}</td>
      <td className="py-2 pr-3 text-xs text-muted">
        {owner.appearsIn.length ? owner.appearsIn.map((a) => `${OWNER_ROLE_LABELS[a.role]} of ${a.kind} ${a.match}`).join("; ") : "no longer in the catalog"}
        {approves.length ? <div className="mt-1 text-fg">Approves offset changes of {approves.map((a) => a.match).join(", ")}</div> : null}
      </td>
      <td className="py-2 pr-3">
        {editing ? (
          <MembersEditor owner={owner} onDone={() => setEditing(false)} />
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <span data-testid="owner-members">{owner.members.length ? owner.members.map((m) => `${m.name}${m.disabled ? " (disabled)" : ""}`).join(", ") : <span className="text-muted">nobody mapped</span>}</span>
            {canEdit ? <button type="button" className={quiet} onClick={() => setEditing(true)} data-testid="owner-edit">Edit</button> : null}
          </div>
        )}
      </td>
    </tr>
  );
}

function MembersEditor({ owner, onDone }: { owner: OwnerView; onDone: () => void }) {
  const users = useUsers();
  const save = useSetOwnerMembers();
  const [chosen, setChosen] = useState(() => new Set(owner.members.map((m) => m.id)));
  const toggle = (id: string) => setChosen((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ name: owner.name, userIds: [...chosen] }, { onSuccess: onDone });
      }}
    >
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="sr-only">People who speak for {owner.name}</legend>
        {(users.data?.users ?? []).filter((u) => !u.disabled).map((u) => (
          <label key={u.id} className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={chosen.has(u.id)} onChange={() => toggle(u.id)} /> {u.name}
          </label>
        ))}
      </fieldset>
      <div className="mt-2 flex gap-2">
        <button type="submit" className={quiet} disabled={save.isPending} data-testid="owner-save">Save</button>
        <button type="button" className={quiet} onClick={onDone}>Cancel</button>
      </div>
      {save.error ? <p role="alert" className="mt-1 text-xs text-bad">{errorText(save.error)}</p> : null}
    </form>
  );
}
