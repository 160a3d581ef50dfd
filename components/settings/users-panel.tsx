"use client";
import { useState, type FormEvent } from "react";
import { ROLE_LABELS, type Role } from "@/lib/domain/auth/roles";
import { useCreateUser, useSetPassword, useSignOutUser, useUpdateUser, useUsers } from "@/lib/client/hooks/use-users";
import type { UserView } from "@/lib/schemas/auth";
import { button, card, errorText, formValues, input, quiet, RoleSelect, type Me } from "./form-bits";

/** People: everybody sees names and roles; admins also see emails, change roles, disable, reset passwords, sign people out. */
export function UsersPanel({ me }: { me: Me }) {
  const users = useUsers();
  const canManage = me.role === "admin";
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold">Users</h2>
        {users.isPending ? <p className="text-sm text-muted">Loading users…</p> : null}
        {users.error ? <p role="alert" className="text-sm text-bad">Could not load users: {users.error.message}</p> : null}
        {users.data ? (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" data-testid="users-table">
              <thead>
                <tr className="border-b border-border text-left text-muted">
                  <th className="py-2 pr-3 font-medium">Name</th>
                  {canManage ? <th className="py-2 pr-3 font-medium">Email</th> : null}
                  <th className="py-2 pr-3 font-medium">Role</th>
                  <th className="py-2 pr-3 font-medium">Status</th>
                  {canManage ? <th className="py-2 font-medium"><span className="sr-only">Actions</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {users.data.users.map((u) => (canManage ? <ManagedUserRow key={u.id} user={u} self={u.id === me.id} /> : <UserRow key={u.id} user={u} />))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {canManage ? <CreateUserForm /> : <p className="text-sm text-muted">Only admins add users and change roles.</p>}
    </div>
  );
}

function Status({ user }: { user: UserView }) {
  return user.disabled ? <span className="rounded bg-bad/15 px-1.5 py-0.5 text-xs text-bad">disabled</span> : <span className="text-xs text-muted">active</span>;
}

function UserRow({ user }: { user: UserView }) {
  return (
    <tr className="border-b border-border/60" data-testid={`user-${user.name}`}>
      <td className="py-2 pr-3">{user.name}</td>
      <td className="py-2 pr-3">{ROLE_LABELS[user.role]}</td>
      <td className="py-2 pr-3"><Status user={user} /></td>
    </tr>
  );
}

function ManagedUserRow({ user, self }: { user: UserView; self: boolean }) {
  const update = useUpdateUser();
  const signOut = useSignOutUser();
  const setPassword = useSetPassword();
  const [settingPassword, setSettingPassword] = useState(false);
  const error = update.error ?? signOut.error ?? setPassword.error;
  const done = signOut.data ? `signed out of ${signOut.data.endedSessions} session${signOut.data.endedSessions === 1 ? "" : "s"}` : setPassword.data ? `password set; ${setPassword.data.endedSessions} session${setPassword.data.endedSessions === 1 ? "" : "s"} ended` : null;
  return (
    <tr className="border-b border-border/60 align-top" data-testid={`user-${user.name}`}>
      <td className="py-2 pr-3">{user.name}{self ? <span className="ml-1 text-xs text-muted">(you)</span> : null}</td>
      <td className="py-2 pr-3 font-mono text-xs">{user.email}</td>
      <td className="py-2 pr-3">
        {self ? (
          ROLE_LABELS[user.role]
        ) : (
          <select
            aria-label={`Role of ${user.name}`}
            data-testid="user-role"
            value={user.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
            className="rounded-md border border-border bg-bg px-2 py-1 text-sm"
          >
            {(["viewer", "responder", "commander", "admin"] as const).map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </select>
        )}
      </td>
      <td className="py-2 pr-3"><Status user={user} /></td>
      <td className="py-2">
        <div className="flex flex-wrap gap-1.5">
          {self ? null : (
            <button type="button" className={quiet} data-testid="user-toggle-disabled" disabled={update.isPending} onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}>
              {user.disabled ? "Enable" : "Disable"}
            </button>
          )}
          <button type="button" className={quiet} data-testid="user-sign-out" disabled={signOut.isPending} onClick={() => signOut.mutate(user.id)}>Sign out everywhere</button>
          <button type="button" className={quiet} onClick={() => setSettingPassword((v) => !v)} aria-expanded={settingPassword}>Set password</button>
        </div>
        {settingPassword ? (
          <form
            className="mt-2 flex gap-2"
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault();
              const { password } = formValues(e.currentTarget);
              setPassword.mutate({ id: user.id, password: password ?? "" }, { onSuccess: () => setSettingPassword(false) });
            }}
          >
            <input name="password" type="password" minLength={10} required aria-label={`New password for ${user.name}`} className="rounded-md border border-border bg-bg px-2 py-1 text-sm" />
            <button type="submit" className={quiet} disabled={setPassword.isPending}>Save</button>
          </form>
        ) : null}
        {error ? <p role="alert" className="mt-1 text-xs text-bad">{errorText(error)}</p> : null}
        {done ? <p className="mt-1 text-xs text-ok">{done}</p> : null}
      </td>
    </tr>
  );
}

function CreateUserForm() {
  const create = useCreateUser();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = formValues(form);
    await create.mutateAsync({ email: data.email ?? "", name: data.name ?? "", password: data.password ?? "", role: (data.role ?? "viewer") as Role }).then(
      () => form.reset(),
      () => undefined,
    );
  }
  return (
    <form onSubmit={onSubmit} className={card} aria-labelledby="new-user-heading">
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
