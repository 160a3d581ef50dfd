import type { Metadata } from "next";
import { GroupDetailView } from "@/components/cluster/group-detail";
import { ClusterBreadcrumb } from "@/components/cluster/cluster-breadcrumb";
import { UnknownCluster } from "@/components/cluster/unknown-cluster";
import { PageHeader } from "@/components/ui/page-header";
import { groupPath } from "@/lib/client/cluster-paths";
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
      <ClusterBreadcrumb cluster={cluster.name} what="consumer group" />
      <PageHeader title={groupId} subtitle="Lag in records and seconds, input vs consume rate, per-partition status and retention risk." />
      <GroupDetailView key={cluster.name} cluster={cluster.name} groupId={groupId} />
    </>
  );
}
