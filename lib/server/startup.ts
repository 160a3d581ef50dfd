import "server-only";
import { ClustersFileError, configuredClusters } from "./clusters/configured-clusters";
import { env, EnvError } from "./env";
import { installEdgeGuard } from "./http/edge-guard";

// Validate the environment before serving anything, so a bad variable stops start-up with
// one line naming it instead of failing on the first request.
// The clusters file too: a mistake in it names its line here, before any sampler starts.
try {
  env();
  configuredClusters();
} catch (error) {
  if (error instanceof EnvError || error instanceof ClustersFileError) {
    console.error(`ripcord: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

// Bad request lines (broken percent-encoding, TRACE…) get a 4xx before Next can answer them with
// a 500, and the peer address becomes known to the login throttle (lib/server/http/edge-guard.ts).
if (process.env.NEXT_PHASE !== "phase-production-build") installEdgeGuard();

// A fresh instance prints its first-run setup code (needed for setup from another machine).
if (process.env.NEXT_PHASE !== "phase-production-build") {
  void Promise.all([import("./auth/set-up-first-admin"), import("./auth/setup-code")]).then(
    async ([{ hasAnyUser }, { announceSetupCode }]) => {
      if (!(await hasAnyUser())) announceSetupCode();
    },
    (error: unknown) => console.error(`ripcord: could not check for a first admin: ${error instanceof Error ? error.message : String(error)}`),
  );
}

// Drills whose server died before they stopped leave topics and groups behind: sweep them at
// start and each minute (lib/server/drills/sweep-abandoned-drills.ts says when one counts as
// abandoned). Not during `next build`.
if (process.env.NEXT_PHASE !== "phase-production-build" && configuredClusters().length > 0) {
  void import("./drills/sweep-abandoned-drills").then(
    ({ sweepAbandonedDrills }) => {
      let sweeping = false;
      const sweep = async () => {
        if (sweeping) return;
        sweeping = true;
        try {
          await sweepAbandonedDrills();
        } catch (error) {
          console.error(`ripcord: sweeping abandoned drills failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          sweeping = false;
        }
      };
      void sweep();
      setInterval(() => void sweep(), 60_000).unref();
    },
    (error: unknown) => console.error(`ripcord: the drill sweeper did not start: ${error instanceof Error ? error.message : String(error)}`),
  );
}

// Sample every configured cluster from the start, not from the first page view: open incidents
// get their automatic evidence entries (a group stopping, a broker leaving) while nobody is
// looking. Not during `next build`, which also loads this file.
if (process.env.NEXT_PHASE !== "phase-production-build" && configuredClusters().length > 0) {
  void import("./evidence/get-sampler").then(
    ({ startAllSamplers }) => startAllSamplers(),
    (error: unknown) => console.error(`ripcord: the evidence sampler did not start: ${error instanceof Error ? error.message : String(error)}`),
  );
}

// The notifier runs with or without Kafka: it announces incident-log entries on the
// notification channels (lib/server/notifications/run-notifier.ts).
if (process.env.NEXT_PHASE !== "phase-production-build") {
  void import("./notifications/run-notifier").then(
    ({ startNotifier }) => startNotifier(),
    (error: unknown) => console.error(`ripcord: the notifier did not start: ${error instanceof Error ? error.message : String(error)}`),
  );
}
