"use client";
import { useState, type FormEvent } from "react";
import { TOKEN_KIND_LABELS, type TokenKind } from "@/lib/domain/auth/access";
import { ROLE_LABELS, type Role } from "@/lib/domain/auth/roles";
import { useCreateToken, useRevokeToken, useTokens } from "@/lib/client/hooks/use-tokens";
import type { ApiTokenView } from "@/lib/schemas/auth";
import { button, card, errorText, formValues, input, quiet, RoleSelect, type Me } from "./form-bits";

const KIND_HELP: Record<TokenKind, string> = {
  personal: "acts as you, never above your role; approvals with it are yours",
  machine: "automation that belongs to nobody: never approves a guarded action",
  "alert-source": "for Alertmanager and webhook senders: may deliver alerts and nothing else",
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

/** API tokens: yours (everybody), every token (admins); revoke takes effect on the token's next request. */
export function TokensPanel({ me }: { me: Me }) {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const isAdmin = me.role === "admin";
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-1 text-lg font-semibold">{isAdmin ? "API tokens" : "Your API tokens"}</h2>
        <p className="mb-3 text-xs text-muted">Send a token as <code className="font-mono">Authorization: Bearer …</code>. Only its hash is stored.</p>
        {tokens.isPending ? <p className="text-sm text-muted">Loading tokens…</p> : null}
        {tokens.error ? <p role="alert" className="text-sm text-bad">Could not load tokens: {tokens.error.message}</p> : null}
        {tokens.data && tokens.data.tokens.length === 0 ? <p className="text-sm text-muted" data-testid="tokens-empty">No tokens yet.</p> : null}
        {tokens.data && tokens.data.tokens.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" data-testid="tokens-table">
              <thead>
                <tr className="border-b border-border text-left text-muted">
                  <th className="py-2 pr-3 font-medium">Name</th>
                  <th className="py-2 pr-3 font-medium">Kind</th>
                  <th className="py-2 pr-3 font-medium">Role</th>
                  <th className="py-2 pr-3 font-medium">Belongs to</th>
                  <th className="py-2 pr-3 font-medium">Last used</th>
                  <th className="py-2 font-medium"><span className="sr-only">Revoke</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.tokens.map((t) => (
                  <TokenRow key={t.id} token={t} onRevoke={() => revoke.mutate(t.id)} revoking={revoke.isPending && revoke.variables === t.id} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {revoke.error ? <p role="alert" className="mt-2 text-sm text-bad">{errorText(revoke.error)}</p> : null}
      </section>
      {me.isPerson || isAdmin ? <CreateTokenForm me={me} /> : null}
    </div>
  );
}

function TokenRow({ token, onRevoke, revoking }: { token: ApiTokenView; onRevoke: () => void; revoking: boolean }) {
  return (
    <tr className={`border-b border-border/60 ${token.revokedAt ? "text-muted" : ""}`} data-testid={`token-${token.name}`}>
      <td className="py-2 pr-3 font-mono text-xs">{token.name}</td>
      <td className="py-2 pr-3">{TOKEN_KIND_LABELS[token.kind]}</td>
      <td className="py-2 pr-3">{token.kind === "alert-source" ? "alerts only" : ROLE_LABELS[token.role]}</td>
      <td className="py-2 pr-3">{token.owner ? token.owner.name : <span className="text-muted">nobody{token.createdBy ? ` (made by ${token.createdBy.name})` : ""}</span>}</td>
      <td className="py-2 pr-3 text-xs">{when(token.lastUsedAt)}</td>
      <td className="py-2">
        {token.revokedAt ? (
          <span className="text-xs" data-testid="token-revoked">revoked {when(token.revokedAt)}{token.revokedBy ? ` by ${token.revokedBy.name}` : ""}</span>
        ) : (
          <button type="button" className={`${quiet} text-bad`} data-testid="token-revoke" disabled={revoking} onClick={() => window.confirm(`Revoke the token "${token.name}"? Anything using it gets 401 from its next request.`) && onRevoke()}>
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}

function CreateTokenForm({ me }: { me: Me }) {
  const create = useCreateToken();
  const [kind, setKind] = useState<TokenKind>(me.isPerson ? "personal" : "machine");
  const [copied, setCopied] = useState(false);
  const kinds: TokenKind[] = [...(me.isPerson ? (["personal"] as const) : []), ...(me.role === "admin" ? (["machine", "alert-source"] as const) : [])];
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCopied(false);
    const data = formValues(event.currentTarget);
    await create.mutateAsync({ name: data.name ?? "", role: (data.role ?? "viewer") as Role, kind }).catch(() => undefined);
  }
  return (
    <form onSubmit={onSubmit} className={card} aria-labelledby="new-token-heading">
      <h2 id="new-token-heading" className="font-semibold">Create an API token</h2>
      <label className="block text-sm">Name<input name="name" required placeholder={kind === "alert-source" ? "alertmanager" : "deploy-script"} className={input} /></label>
      {kinds.length > 1 ? (
        <label className="block text-sm">
          Kind
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as TokenKind)} className={input} data-testid="token-kind">
            {kinds.map((k) => (
              <option key={k} value={k}>{TOKEN_KIND_LABELS[k]}</option>
            ))}
          </select>
        </label>
      ) : null}
      <p className="text-xs text-muted">{KIND_HELP[kind]}</p>
      {kind === "alert-source" ? <input type="hidden" name="role" value="viewer" /> : <label className="block text-sm">Role<RoleSelect defaultValue="responder" upTo={kind === "personal" ? me.role : undefined} /></label>}
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
