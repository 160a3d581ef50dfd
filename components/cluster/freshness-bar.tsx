"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { queryKeys } from "@/lib/client/query-keys";
import type { SamplerState } from "@/lib/schemas/cluster";
import { isPollInterval, POLL_CHOICES, useClusterViewStore } from "@/lib/client/stores/cluster-view-store";
import { formatMs} from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";

interface Props {
  sampler: SamplerState | null;
  /** The browser is fetching from the Ripcord server right now. */
  fetching: boolean;
  /** The last poll of the Ripcord server failed (message), while older data stays on screen. */
  pollError: string | null;
  now: number;
}

/**
 * Freshness of what is on screen: a progress strip while a collection runs, the age of the
 * newest sample, "stale" with the reason when Kafka (or the server) stopped answering, and the
 * polling controls (interval, pause). `?poll=5` in the URL sets the interval in seconds.
 */
export function FreshnessBar({ sampler, fetching, pollError, now }: Props) {
  const { pollMs, paused, setPollMs, setPaused } = useClusterViewStore();

  useEffect(() => {
    const raw = new URLSearchParams(window.location.search).get("poll");
    if (raw === "off") setPaused(true);
    else if (raw !== null && isPollInterval(Number(raw) * 1000)) setPollMs((Number(raw) * 1000) as (typeof POLL_CHOICES)[number]);
  }, [setPollMs, setPaused]);

  const collecting = sampler?.collecting ?? false;
  const age = sampler?.lastSampleAt ? Math.max(0, (now - sampler.lastSampleAt) / 1000) : null;
  const kafkaError = sampler?.lastError ?? null;
  const client = useQueryClient();
  // The header's health indicator polls on its own cadence: when this page learns first that
  // Kafka stopped (or came back), refresh it too, so the two never disagree for seconds.
  const kafkaErrorMessage = kafkaError?.message ?? null;
  useEffect(() => {
    void client.invalidateQueries({ queryKey: queryKeys.health() });
  }, [client, kafkaErrorMessage]);
  const stale = Boolean(kafkaError || pollError || sampler?.stale);
  const state = collecting && !sampler?.lastSampleAt ? "collecting-first" : stale ? "stale" : collecting ? "collecting" : "fresh";

  return (
    <section aria-label="Data freshness and polling" data-testid="freshness-bar" data-state={state} className="mb-4 rounded-lg border border-border bg-surface">
      <div className="h-1 overflow-hidden rounded-t-lg bg-surface-2" aria-hidden>
        {collecting || fetching ? <div data-testid="progress-strip" className="h-full w-full animate-pulse bg-accent" /> : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 text-sm">
        <span role="status" aria-live="polite" data-testid="freshness-status" className="flex items-center gap-2">
          {collecting ? (
            <>
              <span aria-hidden className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-accent border-t-transparent" />
              <span data-testid="collecting">
                Collecting from Kafka{sampler?.collectingSince ? ` (${formatDuration((now - sampler.collectingSince) / 1000)})` : ""}…
              </span>
            </>
          ) : null}
          {age !== null ? (
            <span className={stale ? "font-semibold text-warn" : "text-muted"} data-testid="data-age">
              {stale ? "Stale: " : ""}data from {formatDuration(age)} ago
            </span>
          ) : !collecting ? (
            <span className="text-muted">No sample yet</span>
          ) : null}
        </span>
        {kafkaError ? (
          <span data-testid="kafka-error" className="text-bad">
            Kafka stopped answering: {kafkaError.message} ({sampler?.consecutiveFailures ?? 1} failed attempt{(sampler?.consecutiveFailures ?? 1) === 1 ? "" : "s"})
          </span>
        ) : null}
        {pollError ? (
          <span data-testid="poll-error" className="text-bad">
            Last refresh failed: {pollError}
          </span>
        ) : null}
        {sampler ? (
          <span className="text-muted" title="The server samples Kafka on its own cadence; this page only polls the server.">
            sampled every {formatMs(sampler.fastMs)}
            {sampler.lastDurationMs !== null ? ` · last collection ${formatMs(sampler.lastDurationMs)}, ${sampler.lastRequestCount ?? "?"} requests` : ""}
          </span>
        ) : null}
        <span className="ml-auto flex items-center gap-2">
          <label htmlFor="poll-interval" className="text-muted">
            Refresh
          </label>
          <select
            id="poll-interval"
            data-testid="poll-interval"
            value={pollMs}
            disabled={paused}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (isPollInterval(v)) setPollMs(v);
            }}
            className="rounded border border-border bg-surface-2 px-2 py-1 text-sm"
          >
            {POLL_CHOICES.map((ms) => (
              <option key={ms} value={ms}>
                every {formatMs(ms)}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="poll-pause"
            aria-pressed={paused}
            onClick={() => setPaused(!paused)}
            className="rounded border border-border bg-surface-2 px-3 py-1 text-sm font-medium hover:bg-surface"
          >
            {paused ? "Resume" : "Pause"}
          </button>
        </span>
      </div>
    </section>
  );
}
