"use client";
import { useRouter } from "next/navigation";
import { type FormEvent } from "react";
import { useChangeOwnPassword, useSignOutEverywhere } from "@/lib/client/hooks/use-users";
import { button, card, errorText, formValues, input, quiet } from "./form-bits";

/** Your own account: a new password (your other sessions end) and sign out everywhere. */
export function AccountPanel() {
  const router = useRouter();
  const change = useChangeOwnPassword();
  const everywhere = useSignOutEverywhere();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = formValues(form);
    await change.mutateAsync({ currentPassword: data.currentPassword ?? "", newPassword: data.newPassword ?? "" }).then(
      () => form.reset(),
      () => undefined,
    );
  }
  return (
    <section aria-labelledby="account-heading" className="grid gap-8 lg:grid-cols-2">
      <form onSubmit={onSubmit} className={card} aria-labelledby="account-heading">
        <h2 id="account-heading" className="font-semibold">Your password</h2>
        <label className="block text-sm">Current password<input name="currentPassword" type="password" required autoComplete="current-password" className={input} /></label>
        <label className="block text-sm">New password<input name="newPassword" type="password" minLength={10} required autoComplete="new-password" className={input} /></label>
        {change.error ? <p role="alert" className="text-sm text-bad">{errorText(change.error)}</p> : null}
        {change.data ? <p className="text-sm text-ok">Password changed; {change.data.endedSessions} other session{change.data.endedSessions === 1 ? "" : "s"} ended.</p> : null}
        <button type="submit" className={button} disabled={change.isPending}>Change password</button>
      </form>
      <div className={card}>
        <h2 className="font-semibold">Sign out everywhere</h2>
        <p className="text-sm text-muted">Ends every session of yours — other browsers, a lost laptop, this one too. Your API tokens are revoked separately, above.</p>
        {everywhere.error ? <p role="alert" className="text-sm text-bad">{errorText(everywhere.error)}</p> : null}
        <button
          type="button"
          className={quiet}
          data-testid="sign-out-everywhere"
          disabled={everywhere.isPending}
          onClick={() => everywhere.mutate(undefined, { onSuccess: () => { router.push("/login"); router.refresh(); } })}
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
