import type { Metadata } from "next";
import Link from "next/link";
import { GroupDetailView } from "@/components/cluster/group-detail";
import { UnknownCluster } from "@/components/cluster/unknown-cluster";
import { PageHeader } from "@/components/ui/page-header";
import { clusterPath, groupPath } from "@/lib/client/cluster-paths";
import { pageCluster } from "@/lib/server/clusters/page-cluster";

type Props = { params: Promise<{ name: string; groupId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Group ${decodeURIComponent((await params).groupId)}` };
}

export default async function GroupPage({ params }: Props) {
  const p = await params;
  const groupId = decodeURIComponent(p.groupId);
  const cluster = pageCluster(p.name, (c) => groupPath(c, groupId));
  if (!cluster.configured) return <UnknownCluster name={cluster.name} known={cluster.known} />;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={clusterPath(cluster.name)} className="text-accent hover:underline" data-testid="breadcrumb-cluster">
          Cluster {cluster.name}
        </Link>{" "}
        <span className="text-muted">/ consumer group</span>
      </nav>
      <PageHeader title={groupId} subtitle="Lag in records and seconds, input vs consume rate, per-partition status and retention risk." />
      <GroupDetailView key={cluster.name} cluster={cluster.name} groupId={groupId} />
    </>
  );
}
