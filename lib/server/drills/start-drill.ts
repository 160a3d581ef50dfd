import "server-only";
import { randomBytes } from "node:crypto";
import { computeSignals } from "@/lib/domain/evidence/signals";
import type { DrillView, StartDrillBody } from "@/lib/schemas/drills";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf, SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";
import { openIncident } from "@/lib/server/incidents/open-incident";
import { configuredClusters, findCluster } from "@/lib/server/clusters/configured-clusters";
import { getBrokerMetricsReader } from "@/lib/server/prometheus/registry";
import { log } from "@/lib/server/log";
import { getClusterSetting } from "./get-cluster-setting";
import { drillPrefix, type RunningScenario } from "./kit";
import { activeCount, drillRegistry, MAX_RUNNING, TICK_MS, toDrillView, type DrillRecord } from "./registry";
import { findScenario } from "./scenarios";
import { stopDrill } from "./stop-drill";

/** Snapshots a running drill keeps (enough for "established"; the sampler keeps the real history). */
const KEEP_SNAPSHOTS = 80;

/**
 * Starts a drill on the configured cluster — only when an admin marked it non-production. The
 * scenario creates its topics, groups and traffic; then an incident "DRILL: …" opens with the
 * scenario's topics and groups as scope and a "drill-started" entry (the drill flag the metrics
 * exclude). In the background the drill samples its own resources every TICK_MS (moving the
 * scenario through its phases and copying its timeline events, e.g. a schema change, into the
 * incident) until stopped or until its duration runs out.
 */
export async function startDrill(body: StartDrillBody, principal: Principal): Promise<DrillView> {
  const scenario = findScenario(body.scenario);
  if (!scenario) throw new AppError("NOT_FOUND", `no drill scenario "${body.scenario}"`);
  if (scenario.needsNodes > 1) {
    throw new AppError("UNPROCESSABLE", `"${scenario.id}" needs a local three-node cluster (KAFKA_NODES=3); run it from the command line (npm run drill -- ${scenario.id})`);
  }
  const target = findCluster(body.cluster);
  if (!target) throw new AppError("NOT_FOUND", `this server is configured for ${configuredClusters().map((c) => `"${c.name}"`).join(", ") || "no cluster"}, not "${body.cluster}"`);
  const brokerMetrics = getBrokerMetricsReader(target.prometheus);
  if (scenario.needsMetrics && !brokerMetrics) {
    throw new AppError("UNPROCESSABLE", `"${scenario.id}" shows its cause only in broker metrics: set PROMETHEUS_URL to a Prometheus scraping the brokers (npm start does it for the local Kafka)`);
  }
  const setting = await getClusterSetting(body.cluster);
  if (!setting.drillsAllowed) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `cluster "${body.cluster}" is marked production, so drills are refused. An admin can mark it non-production in Settings → Clusters.`,
      { extra: { cluster: body.cluster, environment: setting.environment, settingsUrl: "/settings/clusters" } },
    );
  }
  const kafka = target.kafka;
  if (kafka.ssl || kafka.sasl) throw new AppError("UNPROCESSABLE", "drills run on plaintext clusters only (no TLS or SASL)");

  const registry = drillRegistry();
  if (activeCount() >= MAX_RUNNING) throw new AppError("CONFLICT", `${MAX_RUNNING} drills are already running; stop one first`);
  registry.starting++;
  let running: RunningScenario;
  let incidentId: string;
  const startedAt = Date.now();
  try {
    running = await scenario.start({
      brokers: kafka.brokers,
      log: (line) => log("info", line, { drill: scenario.id }),
      brokerMetrics,
      // checked above: an admin marked this cluster non-production
      nonProduction: setting.drillsAllowed,
      // Game day: topic, group and client names must not name the scenario.
      ...(body.gameDay ? { namePrefix: drillPrefix("gameday") } : {}),
    });
    try {
      const deadlineIso = new Date(startedAt + body.durationSeconds * 1000).toISOString();
      const { incident } = await openIncident(
        {
          // game day: a neutral title, so the incident does not name the answer
          title: body.gameDay ? `DRILL (game day): consumers in trouble on ${body.cluster}` : `DRILL: ${scenario.title}`,
          cluster: body.cluster,
          scope: { topics: [...running.topics], groups: [...running.groups], services: [] },
          summary: body.gameDay
            ? `Game-day drill on non-production cluster "${body.cluster}": find the cause; the answer is revealed when the drill stops. Not a real incident.`
            : `Drill of seed ${scenario.seed} on non-production cluster "${body.cluster}". Not a real incident.`,
        },
        principal,
      );
      incidentId = incident.id;
      await appendEntry({
        incidentId,
        kind: "drill-started",
        author: authorOf(principal),
        payload: {
          drill: true,
          gameDay: body.gameDay,
          ...(body.gameDay ? {} : { scenario: scenario.id, seed: scenario.seed, injectedCause: scenario.injectedCause }),
          durationSeconds: body.durationSeconds,
          deadline: deadlineIso,
          topics: [...running.topics],
          groups: [...running.groups],
          summary: `Drill started by ${principal.name}${body.gameDay ? " (game day: the scenario stays hidden until the drill stops)" : `: ${scenario.title} (${scenario.seed})`}; auto-stop at ${deadlineIso}. Topics ${running.topics.join(", ")}; groups ${running.groups.join(", ") || "none"}.`,
        },
      });
    } catch (error) {
      await running.stop().catch(() => undefined);
      throw error;
    }
  } finally {
    registry.starting--;
  }

  const d: DrillRecord = {
    id: `drill_${randomBytes(6).toString("hex")}`,
    scenario,
    cluster: body.cluster,
    incidentId,
    gameDay: body.gameDay,
    state: "running",
    startedAt,
    deadline: startedAt + body.durationSeconds * 1000,
    stoppedAt: null,
    stopReason: null,
    startedBy: principal.name,
    established: false,
    error: null,
    running,
    timer: null,
    step: null,
    eventsRecorded: 0,
    stopping: null,
  };
  registry.drills.set(d.id, d);
  log("info", "drill started", { drill: d.id, scenario: scenario.id, incident: incidentId, by: principal.name });
  schedule(d, 0, 0);
  return toDrillView(d);
}

function schedule(d: DrillRecord, index: number, delayMs: number): void {
  d.timer = setTimeout(() => {
    d.timer = null;
    if (d.state !== "running") return;
    if (Date.now() >= d.deadline) {
      void stopDrill(d.id, null, "deadline").catch((error: unknown) => log("error", "drill auto-stop failed", { drill: d.id, error: String(error) }));
      return;
    }
    const started = Date.now();
    d.step = step(d, index).finally(() => {
      d.step = null;
      if (d.state === "running") schedule(d, index + 1, Math.max(0, TICK_MS - (Date.now() - started)));
    });
  }, delayMs);
  d.timer.unref?.();
}

async function step(d: DrillRecord, index: number): Promise<void> {
  try {
    const history = await d.running.sample();
    if (history.length > KEEP_SNAPSHOTS) history.splice(0, history.length - KEEP_SNAPSHOTS);
    if (d.state !== "running") return;
    await d.running.tick(index, d.scenario.samples);
    if (!d.established && history.length >= 2) d.established = d.running.established(computeSignals(history));
    await recordEvents(d);
  } catch (error) {
    log("warn", "drill step failed", { drill: d.id, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Copies the scenario's new timeline events (e.g. the poison drill's schema change) into the incident as "event" entries. */
async function recordEvents(d: DrillRecord): Promise<void> {
  while (d.eventsRecorded < d.running.events.length) {
    const e = d.running.events[d.eventsRecorded];
    d.eventsRecorded++;
    if (!e) continue;
    await appendEntry({
      incidentId: d.incidentId,
      kind: "event",
      author: SYSTEM_AUTHOR,
      payload: {
        type: e.kind,
        description: e.note ?? `${e.kind} recorded by the drill`,
        at: new Date(e.at).toISOString(),
        ...(e.service ? { service: e.service } : {}),
        topics: e.topic ? [e.topic] : [],
        groups: [],
        source: "drill",
      },
    });
  }
}
