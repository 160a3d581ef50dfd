"use client";
import { usePathname, useRouter } from "next/navigation";
import type { ClusterHealthState } from "@/lib/domain/clusters/health";
import { clusterOfPath, clusterPath } from "@/lib/client/cluster-paths";
import { useClusters } from "@/lib/client/hooks/use-clusters";

const STATE: Record<ClusterHealthState, { label: string; tone: string }> = {
  connected: { label: "connected", tone: "text-ok" },
  connecting: { label: "connecting", tone: "text-muted" },
  unreachable: { label: "unreachable", tone: "text-bad" },
  "auth-failed": { label: "auth failed", tone: "text-bad" },
  "not-authorized": { label: "not authorized", tone: "text-bad" },
  error: { label: "error", tone: "text-bad" },
};

/**
 * The header's cluster switcher (issue 18): every configured cluster with its connection state
 * (GET /api/clusters, every 10 s); choosing one opens its Cluster page. A native select, so the
 * keyboard works as everywhere (Tab, arrows, Alt+↓). Off the cluster pages it shows the default.
 */
export function ClusterSwitcher() {
  const pathname = usePathname();
  const router = useRouter();
  const { data, error } = useClusters();
  if (!data || data.clusters.length === 0) {
    return error ? (
      <span data-testid="cluster-switcher-error" className="text-xs text-bad" title={error.message}>
        Clusters unavailable
      </span>
    ) : null;
  }
  const onPath = clusterOfPath(pathname);
  const current = data.clusters.find((c) => c.name === onPath) ?? data.clusters.find((c) => c.default) ?? data.clusters[0]!;
  const state = STATE[current.health.state];
  const why = current.health.lastError ? `: ${current.health.lastError.message}` : "";
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="cluster-switcher-box">
      {/* between md and 2xl (1536 px) the header row is full: the label and the state word are for screen readers there (the options and the dot's title say it) */}
      <label htmlFor="cluster-switcher" className="text-muted md:max-2xl:sr-only">
        Cluster
      </label>
      <select
        id="cluster-switcher"
        data-testid="cluster-switcher"
        value={current.name}
        onChange={(e) => router.push(clusterPath(e.target.value))}
        className="max-w-52 rounded-md border border-border bg-surface-2 px-2 py-1 font-mono text-sm md:max-2xl:max-w-40"
      >
        {data.clusters.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} · {STATE[c.health.state].label}
            {c.environment === "production" ? " · prod" : ""}
          </option>
        ))}
      </select>
      <span
        role="status"
        data-testid="cluster-state"
        data-cluster={current.name}
        data-state={current.health.state}
        title={`${current.name}: ${state.label}${why}`}
        className={`inline-flex items-center gap-1 text-xs font-semibold ${state.tone}`}
      >
        <span aria-hidden className="h-2 w-2 rounded-full bg-current" />
        <span className="md:max-2xl:sr-only">{state.label}</span>
      </span>
    </div>
  );
}
