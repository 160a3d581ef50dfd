import Link from "next/link";
import { clusterPath } from "@/lib/client/cluster-paths";
import { PageHeader } from "@/components/ui/page-header";

/** A cluster page for a name this Ripcord does not watch: say so, and offer the ones it does. */
export function UnknownCluster({ name, known }: { name: string; known: string[] }) {
  return (
    <div data-testid="unknown-cluster">
      <PageHeader title="Cluster not configured" subtitle={`No cluster named “${name}” is configured here.`} />
      <p className="text-sm">
        Configured clusters:{" "}
        {known.map((k, i) => (
          <span key={k}>
            {i ? ", " : ""}
            <Link href={clusterPath(k)} className="font-mono text-accent underline">
              {k}
            </Link>
          </span>
        ))}
        . Clusters come from the clusters file (RIPCORD_CLUSTERS_FILE).
      </p>
    </div>
  );
}
