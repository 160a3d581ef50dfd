"use client";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/api";
import { useChannels, useCreateChannel, useDeleteChannel } from "@/lib/client/hooks/use-notifications";
import { CHANNEL_FORMATS, type ChannelFormat } from "@/lib/domain/notifications/types";
import { DeliveryStatusBadge } from "./delivery-status-badge";

const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm";
const button = "rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white disabled:opacity-60";

const FORMAT_LABELS: Record<ChannelFormat, string> = { slack: "Slack-compatible webhook", json: "Ripcord JSON" };

/** A Slack-style webhook URL carries its secret in the path: show where it goes, not the whole key. */
function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.length > 24 ? `${u.pathname.slice(0, 20)}…` : u.pathname;
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return url;
  }
}

export function ChannelsPanel() {
  const channels = useChannels();
  const remove = useDeleteChannel();
  const [removeError, setRemoveError] = useState<string | null>(null);
  return (
    <section aria-labelledby="channels-heading" className="space-y-4">
      <h2 id="channels-heading" className="text-lg font-semibold">Channels</h2>
      {channels.isPending ? <p className="text-sm text-muted">Loading channels…</p> : null}
      {channels.error ? <p role="alert" className="text-sm text-bad">Could not load the channels: {channels.error.message}</p> : null}
      {channels.data && channels.data.channels.length === 0 ? (
        <p className="text-sm text-muted" data-testid="channels-empty">No channels yet: nothing is announced outside the browser. Add one below, then name it in catalog entries or as the cluster&apos;s default.</p>
      ) : null}
      {channels.data && channels.data.channels.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="channels-table">
            <thead>
              <tr className="border-b border-border text-left text-muted">
                <th className="py-2 pr-3 font-medium">Name</th>
                <th className="py-2 pr-3 font-medium">Format</th>
                <th className="py-2 pr-3 font-medium">URL</th>
                <th className="py-2 pr-3 font-medium">Signed</th>
                <th className="py-2 pr-3 font-medium">Used by</th>
                <th className="py-2 pr-3 font-medium">Last delivery</th>
                <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {channels.data.channels.map((c) => (
                <tr key={c.id} className="border-b border-border/60 align-top" data-testid="channel-row" data-name={c.name}>
                  <td className="py-2 pr-3 font-mono text-xs">{c.name}</td>
                  <td className="py-2 pr-3">{FORMAT_LABELS[c.format]}</td>
                  <td className="py-2 pr-3 font-mono text-xs" title={c.url}>{shortUrl(c.url)}</td>
                  <td className="py-2 pr-3">{c.signed ? "HMAC-SHA256" : "no"}</td>
                  <td className="py-2 pr-3 text-xs">{c.usedBy.length ? c.usedBy.join("; ") : <span className="text-warn">nothing routes here yet</span>}</td>
                  <td className="py-2 pr-3">{c.lastDelivery ? <DeliveryStatusBadge status={c.lastDelivery.status} /> : <span className="text-muted">—</span>}</td>
                  <td className="py-2">
                    <button
                      type="button"
                      className="text-bad underline"
                      onClick={() => {
                        if (!window.confirm(`Remove the channel ${c.name}?`)) return;
                        setRemoveError(null);
                        remove.mutate(c.name, { onError: (e) => setRemoveError(e.message) });
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {removeError ? <p role="alert" className="text-sm text-bad">{removeError}</p> : null}
      <AddChannelForm />
    </section>
  );
}

function AddChannelForm() {
  const create = useCreateChannel();
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    setErrors([]);
    setMessage(null);
    try {
      const { channel } = await create.mutateAsync({ name: s("name"), url: s("url"), format: s("format") as ChannelFormat, ...(s("secret") ? { secret: s("secret") } : {}) });
      setMessage(`Added ${channel.name}.`);
      form.reset();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : "adding the channel failed");
      setErrors(e instanceof ApiError ? e.fieldErrors : []);
    }
  }
  const fieldError = (field: string) => errors.find((e) => e.path === `body.${field}`)?.message;
  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-lg border border-border bg-surface p-4 md:grid-cols-4" data-testid="channel-form" aria-labelledby="add-channel-heading">
      <h3 id="add-channel-heading" className="font-semibold md:col-span-4">Add a channel</h3>
      <label className="block text-sm font-medium">
        Name
        <input name="name" required placeholder="payments-oncall" className={`${input} font-mono`} aria-invalid={!!fieldError("name")} />
        {fieldError("name") ? <span className="text-xs text-bad">{fieldError("name")}</span> : null}
      </label>
      <label className="block text-sm font-medium md:col-span-2">
        Incoming-webhook URL
        <input name="url" required placeholder="https://hooks.slack.com/services/…" className={`${input} font-mono`} aria-invalid={!!fieldError("url")} />
        {fieldError("url") ? <span className="text-xs text-bad" data-testid="channel-url-error">{fieldError("url")}</span> : null}
      </label>
      <label className="block text-sm font-medium">
        Format
        <select name="format" defaultValue="slack" className={input}>
          {CHANNEL_FORMATS.map((f) => (
            <option key={f} value={f}>{FORMAT_LABELS[f]}</option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium md:col-span-3">
        HMAC secret (optional: the receiver verifies X-Ripcord-Signature with it; never shown again)
        <input name="secret" type="password" autoComplete="off" minLength={16} className={input} aria-invalid={!!fieldError("secret")} />
        {fieldError("secret") ? <span className="text-xs text-bad">{fieldError("secret")}</span> : null}
      </label>
      <div className="flex items-end">
        <button type="submit" disabled={create.isPending} className={button}>{create.isPending ? "Adding…" : "Add channel"}</button>
      </div>
      {message ? <p role={errors.length || create.isError ? "alert" : "status"} className={`text-sm md:col-span-4 ${create.isError ? "text-bad" : "text-ok"}`}>{message}</p> : null}
    </form>
  );
}
