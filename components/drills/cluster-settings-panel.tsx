"use client";
import { useClusterSettings, useSetClusterEnvironment } from "@/lib/client/hooks/use-drills";
import type { ClusterSettingView } from "@/lib/schemas/drills";

const button = "rounded-md px-3 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-60";

/** Settings → Clusters: each cluster is production (drills refused) unless an admin marks it non-production. */
export function ClusterSettingsPanel({ canManage }: { canManage: boolean }) {
  const clusters = useClusterSettings();
  return (
    <section aria-labelledby="clusters-heading" className="space-y-4">
      <h2 id="clusters-heading" className="text-lg font-semibold">Clusters</h2>
      <p className="max-w-2xl text-sm text-muted">
        Drills create topics, consumer groups and failures on a real Kafka. They run only on a cluster marked <strong>non-production</strong>; every cluster is production until an admin says otherwise.
      </p>
      {clusters.isPending ? <p className="text-sm text-muted">Loading clusters…</p> : null}
      {clusters.error ? <p role="alert" className="text-sm text-bad">Could not load clusters: {clusters.error.message}</p> : null}
      <ul className="space-y-3">
        {clusters.data?.clusters.map((c) => <ClusterRow key={c.cluster} cluster={c} canManage={canManage} />)}
      </ul>
      {!canManage ? <p className="text-sm text-muted">Only admins change a cluster&apos;s environment.</p> : null}
    </section>
  );
}

function ClusterRow({ cluster, canManage }: { cluster: ClusterSettingView; canManage: boolean }) {
  const set = useSetClusterEnvironment();
  const nonProd = cluster.environment === "non-production";
  return (
    <li className="flex flex-wrap items-center gap-4 rounded-lg border border-border bg-surface p-4" data-testid={`cluster-${cluster.cluster}`}>
      <div className="min-w-48">
        <p className="font-mono text-sm font-semibold">{cluster.cluster}</p>
        <p className="text-xs text-muted">{cluster.configured ? "configured on this server" : "not configured here"}</p>
      </div>
      <span
        data-testid="cluster-environment"
        className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${nonProd ? "border-ok text-ok" : "border-bad text-bad"}`}
      >
        {nonProd ? "non-production — drills allowed" : "production — drills refused"}
      </span>
      {cluster.updatedBy ? (
        <span className="text-xs text-muted">
          set by {cluster.updatedBy} {cluster.updatedAt ? `at ${new Date(cluster.updatedAt).toLocaleString()}` : ""}
        </span>
      ) : null}
      {canManage && cluster.configured ? (
        <button
          type="button"
          data-testid="toggle-environment"
          disabled={set.isPending}
          onClick={() => set.mutate({ cluster: cluster.cluster, environment: nonProd ? "production" : "non-production" })}
          className={`${button} ml-auto ${nonProd ? "border border-border bg-surface-2 text-fg" : "bg-accent text-white"}`}
        >
          {nonProd ? "Mark production (refuse drills)" : "Mark non-production (allow drills)"}
        </button>
      ) : null}
      {set.error ? <p role="alert" className="w-full text-sm text-bad">{set.error.message}</p> : null}
    </li>
  );
}
