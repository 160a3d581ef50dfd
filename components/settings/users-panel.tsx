"use client";
import { useState, type FormEvent } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/domain/auth/roles";
import { ApiError } from "@/lib/client/api";
import { useCreateToken, useCreateUser, useUsers } from "@/lib/client/hooks/use-users";

const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm";
const button = "rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white disabled:opacity-60";

export function UsersPanel({ canManage }: { canManage: boolean }) {
  const users = useUsers();
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold">Users</h2>
        {users.isPending ? <p className="text-sm text-muted">Loading users…</p> : null}
        {users.error ? <p role="alert" className="text-sm text-bad">Could not load users: {users.error.message}</p> : null}
        {users.data ? (
          <table className="w-full border-collapse text-sm" data-testid="users-table">
            <thead>
              <tr className="border-b border-border text-left text-muted">
                <th className="py-2 font-medium">Name</th>
                <th className="py-2 font-medium">Email</th>
                <th className="py-2 font-medium">Role</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.id} className="border-b border-border/60">
                  <td className="py-2">{u.name}</td>
                  <td className="py-2 font-mono text-xs">{u.email}</td>
                  <td className="py-2">{ROLE_LABELS[u.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {canManage ? (
        <div className="space-y-8">
          <CreateUserForm />
          <CreateTokenForm />
        </div>
      ) : (
        <p className="text-sm text-muted">Only admins add users and API tokens.</p>
      )}
    </div>
  );
}

function RoleSelect({ defaultValue }: { defaultValue: Role }) {
  return (
    <select name="role" defaultValue={defaultValue} className={input}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.fieldErrors[0] ? `${error.fieldErrors[0].path.replace(/^body\./, "")}: ${error.fieldErrors[0].message}` : error.message;
  return "the request failed";
}

function CreateUserForm() {
  const create = useCreateUser();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
    await create.mutateAsync({ email: data.email ?? "", name: data.name ?? "", password: data.password ?? "", role: (data.role ?? "viewer") as Role }).then(
      () => form.reset(),
      () => undefined,
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-labelledby="new-user-heading">
      <h2 id="new-user-heading" className="font-semibold">Add a user</h2>
      <label className="block text-sm">Name<input name="name" required className={input} /></label>
      <label className="block text-sm">Email<input name="email" type="email" required className={input} /></label>
      <label className="block text-sm">Initial password<input name="password" type="password" minLength={10} required className={input} /></label>
      <label className="block text-sm">Role<RoleSelect defaultValue="responder" /></label>
      {create.error ? <p role="alert" className="text-sm text-bad">{errorText(create.error)}</p> : null}
      {create.isSuccess ? <p className="text-sm text-ok">Added {create.data.user.name}.</p> : null}
      <button type="submit" className={button} disabled={create.isPending}>Add user</button>
    </form>
  );
}

function CreateTokenForm() {
  const create = useCreateToken();
  const [copied, setCopied] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCopied(false);
    const data = Object.fromEntries(new FormData(event.currentTarget).entries()) as Record<string, string>;
    await create.mutateAsync({ name: data.name ?? "", role: (data.role ?? "responder") as Role }).catch(() => undefined);
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading" className="font-semibold">Create an API token</h2>
      <p className="text-xs text-muted">For alert webhooks and scripts: send it as <code className="font-mono">Authorization: Bearer …</code>.</p>
      <label className="block text-sm">Name<input name="name" required placeholder="alertmanager" className={input} /></label>
      <label className="block text-sm">Role<RoleSelect defaultValue="responder" /></label>
      {create.error ? <p role="alert" className="text-sm text-bad">{errorText(create.error)}</p> : null}
      {create.data ? (
        <div className="rounded-md border border-warn/50 bg-warn/10 p-3 text-sm">
          <p className="font-semibold">Copy it now: it is shown once and stored only as a hash.</p>
          <code data-testid="new-token" className="mt-2 block break-all font-mono text-xs">{create.data.token}</code>
          <button type="button" className="mt-2 text-xs text-accent underline" onClick={() => navigator.clipboard?.writeText(create.data.token).then(() => setCopied(true))}>
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      ) : null}
      <button type="submit" className={button} disabled={create.isPending}>Create token</button>
    </form>
  );
}
