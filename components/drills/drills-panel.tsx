"use client";
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { useDrills, useStartDrill, useStopDrill } from "@/lib/client/hooks/use-drills";
import type { DrillView, ScenarioView } from "@/lib/schemas/drills";

const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-accent";
const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent";
const DURATIONS = [
  { seconds: 120, label: "2 minutes" },
  { seconds: 300, label: "5 minutes" },
  { seconds: 600, label: "10 minutes" },
  { seconds: 1800, label: "30 minutes" },
];

function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** The Drills page: start a scenario on a non-production cluster, follow it, stop it and clean up. */
export function DrillsPanel({ canStart }: { canStart: boolean }) {
  const drills = useDrills();
  const running = drills.data?.drills.filter((d) => d.state === "running" || d.state === "stopping") ?? [];
  const finished = drills.data?.drills.filter((d) => d.state === "stopped" || d.state === "failed") ?? [];
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_1.2fr]">
      {drills.isPending ? <p className="text-sm text-muted">Loading drills…</p> : null}
      {drills.error ? <p role="alert" className="text-sm text-bad">Could not load drills: {drills.error.message}</p> : null}
      {drills.data ? <StartForm scenarios={drills.data.scenarios} clusters={drills.data.clusters} canStart={canStart} /> : null}
      {drills.data ? (
        <div className="space-y-8">
          <section aria-labelledby="running-heading">
            <h2 id="running-heading" className="mb-3 text-lg font-semibold">Running</h2>
            {running.length === 0 ? <p className="text-sm text-muted" data-testid="no-running-drills">No drill is running.</p> : null}
            <ul className="space-y-3" data-testid="running-drills">
              {running.map((d) => <DrillCard key={d.id} drill={d} canStop={canStart} />)}
            </ul>
          </section>
          {finished.length > 0 ? (
            <section aria-labelledby="finished-heading">
              <h2 id="finished-heading" className="mb-3 text-lg font-semibold">Finished</h2>
              <ul className="space-y-3" data-testid="finished-drills">
                {finished.map((d) => <DrillCard key={d.id} drill={d} canStop={false} />)}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function StartForm({ scenarios, clusters, canStart }: { scenarios: ScenarioView[]; clusters: { cluster: string; drillsAllowed: boolean; configured: boolean }[]; canStart: boolean }) {
  const startable = scenarios.filter((s) => s.needsNodes === 1 && (!s.needsMetrics || s.metricsConfigured));
  const needMetrics = scenarios.filter((s) => s.needsMetrics && !s.metricsConfigured);
  const [scenarioId, setScenarioId] = useState(startable[0]?.id ?? "");
  const [cluster, setCluster] = useState(clusters.find((c) => c.configured)?.cluster ?? clusters[0]?.cluster ?? "");
  const [duration, setDuration] = useState(600);
  const [gameDay, setGameDay] = useState(true);
  const start = useStartDrill();
  const scenario = startable.find((s) => s.id === scenarioId);
  const target = clusters.find((c) => c.cluster === cluster);
  const refused = !!target && !target.drillsAllowed;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!scenario || refused) return;
    start.mutate({ scenario: scenario.id, cluster, durationSeconds: duration, gameDay });
  }

  return (
    <section aria-labelledby="start-heading" className="rounded-lg border border-border bg-surface p-5">
      <h2 id="start-heading" className="mb-4 text-lg font-semibold">Start a drill</h2>
      <form onSubmit={submit} className="space-y-4" data-testid="start-drill-form">
        <label className="block text-sm font-medium">
          Scenario
          <select className={input} value={scenarioId} onChange={(e) => setScenarioId(e.target.value)} data-testid="drill-scenario">
            {startable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({s.seed})
              </option>
            ))}
          </select>
        </label>
        {scenarios.some((s) => s.needsNodes > 1) ? (
          <p className="text-xs text-muted">
            {scenarios
              .filter((s) => s.needsNodes > 1)
              .map((s) => s.title.split(":")[0])
              .join(" and ")}{" "}
            need a local three-node cluster: run them with <code className="font-mono">npm run drill -- &lt;scenario&gt;</code> (<code className="font-mono">{scenarios.filter((s) => s.needsNodes > 1).map((s) => s.id).join(", ")}</code>).
          </p>
        ) : null}
        {needMetrics.length ? (
          <p className="text-xs text-muted" data-testid="drills-need-metrics">
            <code className="font-mono">{needMetrics.map((s) => s.id).join(", ")}</code> show their cause only in broker metrics: set <code className="font-mono">PROMETHEUS_URL</code> to a Prometheus scraping the brokers (<code className="font-mono">npm start</code> does it for the local Kafka).
          </p>
        ) : null}
        <label className="block text-sm font-medium">
          Cluster
          <select className={input} value={cluster} onChange={(e) => setCluster(e.target.value)} data-testid="drill-cluster">
            {clusters.map((c) => (
              <option key={c.cluster} value={c.cluster}>
                {c.cluster} — {c.drillsAllowed ? "non-production" : "production"}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Stop and clean up automatically after
          <select className={input} value={duration} onChange={(e) => setDuration(Number(e.target.value))} data-testid="drill-duration">
            {DURATIONS.map((d) => (
              <option key={d.seconds} value={d.seconds}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className={`mt-1 ${focusRing}`} checked={gameDay} onChange={(e) => setGameDay(e.target.checked)} data-testid="drill-game-day" />
          <span>
            <strong>Game-day mode</strong>
            <span className="block text-muted">The incident does not name the scenario; responders must find the cause. The answer is revealed when the drill stops.</span>
          </span>
        </label>
        {scenario ? (
          <p className="text-sm" data-testid="drill-injected-cause">
            Injected cause:{" "}
            {gameDay ? <span className="text-muted">hidden in game-day mode</span> : <code className="font-mono">{scenario.injectedCause ?? "none (healthy baseline)"}</code>}
          </p>
        ) : null}

        {refused ? (
          <div role="alert" data-testid="drill-refused" className="rounded-md border border-bad bg-surface-2 p-3 text-sm">
            <p className="font-semibold text-bad">Cluster “{cluster}” is production: drills are refused.</p>
            <p className="mt-1">
              Drills create topics, groups and failures on real brokers. An admin can mark the cluster non-production in{" "}
              <Link href="/settings/clusters" className={`text-accent underline ${focusRing}`} data-testid="drill-settings-link">
                Settings → Clusters
              </Link>
              .
            </p>
          </div>
        ) : null}

        {canStart ? (
          <button
            type="submit"
            disabled={refused || !scenario || start.isPending}
            data-testid="start-drill"
            className={`rounded-md bg-accent px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 ${focusRing}`}
          >
            {start.isPending ? "Starting… (creating topics and traffic)" : "Start drill"}
          </button>
        ) : (
          <p className="text-sm text-muted">Commanders and admins start drills; you can follow them here.</p>
        )}
        {start.error ? <p role="alert" className="text-sm text-bad" data-testid="start-drill-error">{start.error.message}</p> : null}
        {start.data ? (
          <p role="status" className="text-sm" data-testid="drill-started">
            Drill running.{" "}
            <Link href={`/incidents/${start.data.drill.incidentId}`} className={`font-semibold text-accent underline ${focusRing}`} data-testid="drill-incident-link">
              Open the drill incident
            </Link>
          </p>
        ) : null}
      </form>
    </section>
  );
}

function DrillCard({ drill, canStop }: { drill: DrillView; canStop: boolean }) {
  const now = useNow();
  const stop = useStopDrill();
  const [revealed, setRevealed] = useState(false);
  const active = drill.state === "running" || drill.state === "stopping";
  const end = drill.stoppedAt ? Date.parse(drill.stoppedAt) : now;
  const hideScenario = drill.gameDay && active;
  const tone = drill.state === "failed" ? "border-bad" : active ? "border-warn" : "border-border";
  return (
    <li className={`rounded-lg border-l-4 ${tone} border border-border bg-surface p-4`} data-testid={`drill-${drill.id}`} data-state={drill.state}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <p className="font-semibold">{hideScenario ? "Game day (scenario hidden)" : `${drill.title} (${drill.seed})`}</p>
        <span className={`text-xs font-semibold uppercase ${drill.state === "failed" ? "text-bad" : active ? "text-warn" : "text-ok"}`} data-testid="drill-state">
          {drill.state}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">Cluster</dt>
        <dd className="font-mono">{drill.cluster}</dd>
        <dt className="text-muted">{active ? "Elapsed" : "Ran for"}</dt>
        <dd className="tabular-nums" data-testid="drill-elapsed">
          {formatElapsed(end - Date.parse(drill.startedAt))}
          {active ? <span className="text-muted"> · auto-stop in {formatElapsed(Date.parse(drill.deadline) - now)}</span> : null}
        </dd>
        <dt className="text-muted">Condition</dt>
        <dd>{drill.established ? <span className="text-warn">visible in Kafka</span> : <span className="text-muted">building up…</span>}</dd>
        {!active ? (
          <>
            <dt className="text-muted">Cleanup</dt>
            <dd className={drill.state === "failed" ? "text-bad" : "text-ok"}>{drill.state === "failed" ? drill.error : "every topic, group and config change removed"}</dd>
          </>
        ) : null}
      </dl>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Link href={`/incidents/${drill.incidentId}`} className={`text-sm font-semibold text-accent underline ${focusRing}`} data-testid="drill-open-incident">
          Open the drill incident
        </Link>
        {active && canStop ? (
          <button
            type="button"
            onClick={() => stop.mutate(drill.id)}
            disabled={stop.isPending || drill.state === "stopping"}
            data-testid="stop-drill"
            className={`rounded-md border border-bad px-3 py-1.5 text-sm font-semibold text-bad disabled:opacity-60 ${focusRing}`}
          >
            {stop.isPending || drill.state === "stopping" ? "Stopping and cleaning up…" : "Stop & clean up"}
          </button>
        ) : null}
        {!active && drill.gameDay ? (
          <button type="button" onClick={() => setRevealed((r) => !r)} aria-expanded={revealed} data-testid="reveal-answer" className={`rounded-md border border-border bg-surface-2 px-3 py-1.5 text-sm ${focusRing}`}>
            {revealed ? "Hide answer" : "Reveal answer"}
          </button>
        ) : null}
      </div>
      {!active && (revealed || !drill.gameDay) ? (
        <p className="mt-2 text-sm" data-testid="drill-answer">
          Injected cause: <code className="font-mono">{drill.injectedCause ?? "none (healthy baseline)"}</code>
        </p>
      ) : null}
      {stop.error ? <p role="alert" className="mt-2 text-sm text-bad">{stop.error.message}</p> : null}
    </li>
  );
}
