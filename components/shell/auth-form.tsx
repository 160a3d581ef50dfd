"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/lib/client/api";

type Mode = "login" | "setup";

/** Sign-in and first-run admin creation share one form. */
export function AuthForm({ mode, setupCodeRequired = false }: { mode: Mode; setupCodeRequired?: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const payload = Object.fromEntries(form.entries());
    setBusy(true);
    setError(null);
    try {
      await apiFetch(mode === "login" ? "/api/auth/login" : "/api/auth/setup", { method: "POST", json: payload });
      router.push("/incidents");
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "sign-in failed");
      setBusy(false);
    }
  }

  const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm";
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby={error ? "auth-error" : undefined}>
      {mode === "setup" ? (
        <label className="block text-sm font-medium">
          Your name
          <input name="name" required autoComplete="name" autoFocus className={input} />
        </label>
      ) : null}
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required autoComplete="email" autoFocus={mode !== "setup"} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" required minLength={mode === "setup" ? 10 : 1} autoComplete={mode === "setup" ? "new-password" : "current-password"} className={input} />
      </label>
      {mode === "setup" && setupCodeRequired ? (
        <label className="block text-sm font-medium">
          Setup code
          <input name="setupCode" required autoComplete="off" spellCheck={false} className={`${input} font-mono uppercase`} aria-describedby="setup-code-hint" />
          <span id="setup-code-hint" className="mt-1 block text-xs font-normal text-muted">
            You are not on the server's own machine: the code is printed on the server's console until the first admin exists.
          </span>
        </label>
      ) : null}
      {error ? (
        <p id="auth-error" role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className="w-full rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white disabled:opacity-60">
        {busy ? "Please wait…" : mode === "login" ? "Sign in" : "Create admin account"}
      </button>
    </form>
  );
}
