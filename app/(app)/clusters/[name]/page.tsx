import type { Metadata } from "next";
import { ClusterOverviewView } from "@/components/cluster/cluster-overview";
import { UnknownCluster } from "@/components/cluster/unknown-cluster";
import { PageHeader } from "@/components/ui/page-header";
import { clusterPath } from "@/lib/client/cluster-paths";
import { pageCluster } from "@/lib/server/clusters/page-cluster";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Cluster ${decodeURIComponent((await params).name)}` };
}

export default async function ClusterPage({ params }: Props) {
  const cluster = pageCluster((await params).name, clusterPath);
  if (!cluster.configured) return <UnknownCluster name={cluster.name} known={cluster.known} />;
  return (
    <>
      <PageHeader
        title="Cluster"
        subtitle={
          <>
            <span className="font-mono font-semibold text-fg" data-testid="page-cluster">
              {cluster.name}
            </span>{" "}
            · brokers, topics and consumer groups with lag in records and seconds.
          </>
        }
      />
      <ClusterOverviewView key={cluster.name} cluster={cluster.name} />
    </>
  );
}
