import Link from "next/link";
import { clusterPath } from "@/lib/client/cluster-paths";

/** "Cluster NAME / what" above a group or topic page: the way back to that cluster's overview. */
export function ClusterBreadcrumb({ cluster, what }: { cluster: string; what: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <Link href={clusterPath(cluster)} className="text-accent hover:underline" data-testid="breadcrumb-cluster">
        Cluster {cluster}
      </Link>{" "}
      <span className="text-muted">/ {what}</span>
    </nav>
  );
}
