/**
 * Drill harness: start a scenario → sample snapshots (restricted to its topics and groups) every
 * `intervalMs` → after each sample, move the scenario to its next phase → once the planned
 * samples are taken and the condition is established (or the deadline passes) compute signals
 * over the whole history, diagnose the scenario's scope, propose a severity → stop the scenario
 * (which removes everything it created), always, even on error or abort.
 */
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { diagnose, WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";
import type { Diagnosis, RankedCause, Scope } from "@/lib/domain/diagnosis/types";
import { proposeSeverity, type SeverityProposal } from "@/lib/domain/severity/propose";
import { type DrillContext, type RunningScenario, type Scenario, sleep } from "./kit";

export interface RunOptions extends DrillContext {
  /** ms between samples (default 1500). */
  intervalMs?: number;
  /** samples to take before judging (default: the scenario's plan). */
  samples?: number;
  /** keep sampling up to this long (ms, from the first sample) until the condition is established. */
  deadlineMs?: number;
  /** stop early (Ctrl-C): the run still diagnoses what it has and cleans up. */
  signal?: AbortSignal;
  /** feed the scenario's recorded timeline events (e.g. the schema change) to the diagnosis. */
  withEvents?: boolean;
  /** called after every sample with the diagnosis so far. */
  onSample?: (progress: DrillProgress) => void;
}

export interface DrillVerdict {
  /** 1-based rank of the injected cause among causes past the threshold; null when absent. */
  rankOfInjectedCause: number | null;
  topCauses: RankedCause[];
  severity: SeverityProposal;
  diagnosis: Diagnosis;
  signals: EvidenceSignals;
}

export interface DrillProgress extends DrillVerdict {
  index: number;
  planned: number;
  established: boolean;
}

export interface DrillResult extends DrillVerdict {
  scenario: Pick<Scenario, "id" | "title" | "injectedCause" | "seed">;
  scope: Scope;
  /** the injected condition was visible before the run ended. */
  established: boolean;
  /** true when the drill met its bar: injected cause ranked 1st, or (healthy) nothing past the threshold and no SEV1/SEV2. */
  passed: boolean;
  history: ClusterSnapshot[];
  prefix: string;
  topics: string[];
  groups: string[];
}

/** Diagnosis and severity of one history for a running scenario's scope. */
export function judge(scenario: Pick<Scenario, "injectedCause">, running: Pick<RunningScenario, "scope" | "events">, history: ClusterSnapshot[], withEvents = false): DrillVerdict {
  const signals = computeSignals(history);
  const diagnosis = diagnose(signals, { scope: running.scope, events: withEvents ? running.events : [] });
  const severity = proposeSeverity(signals, { scope: running.scope });
  const idx = scenario.injectedCause === null ? -1 : diagnosis.causes.findIndex((c) => c.id === scenario.injectedCause);
  return { rankOfInjectedCause: idx >= 0 ? idx + 1 : null, topCauses: diagnosis.causes.slice(0, 3), severity, diagnosis, signals };
}

export function passed(scenario: Pick<Scenario, "injectedCause">, verdict: Pick<DrillVerdict, "rankOfInjectedCause" | "topCauses" | "severity">): boolean {
  if (scenario.injectedCause === null) {
    return verdict.topCauses.every((c) => c.score < WORTH_INVESTIGATING) && verdict.severity.level !== "SEV1" && verdict.severity.level !== "SEV2";
  }
  return verdict.rankOfInjectedCause === 1;
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<DrillResult> {
  const intervalMs = opts.intervalMs ?? scenario.intervalMs ?? 1_500;
  const planned = Math.max(3, opts.samples ?? scenario.samples);
  const deadlineMs = opts.deadlineMs ?? planned * intervalMs * 2 + 15_000;
  if (scenario.needsMetrics && !opts.brokerMetrics) throw new Error(`${scenario.id} needs broker metrics (a Prometheus: PROMETHEUS_URL)`);
  const running = await scenario.start(opts);
  let verdict: DrillVerdict | null = null;
  let established = false;
  try {
    const t0 = Date.now();
    for (let index = 0; ; index++) {
      const started = Date.now();
      const history = await running.sample();
      if (opts.signal?.aborted) break;
      await running.tick(index, planned);
      verdict = judge(scenario, running, history, opts.withEvents);
      established = running.established(verdict.signals);
      opts.onSample?.({ ...verdict, index, planned, established });
      const enough = index + 1 >= planned;
      if ((enough && established) || (enough && Date.now() - t0 > deadlineMs) || opts.signal?.aborted) break;
      await sleepOrAbort(Math.max(0, intervalMs - (Date.now() - started)), opts.signal);
      if (opts.signal?.aborted) break;
    }
    const history = running.history();
    verdict = judge(scenario, running, history, opts.withEvents);
    return {
      ...verdict,
      scenario: { id: scenario.id, title: scenario.title, injectedCause: scenario.injectedCause, seed: scenario.seed },
      scope: running.scope,
      established,
      passed: passed(scenario, verdict),
      history: [...history],
      prefix: running.prefix,
      topics: [...running.topics],
      groups: [...running.groups],
    };
  } finally {
    await running.stop();
  }
}

async function sleepOrAbort(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
