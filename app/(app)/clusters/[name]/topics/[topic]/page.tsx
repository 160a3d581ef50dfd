import type { Metadata } from "next";
import { TopicDetailView } from "@/components/cluster/topic-detail";
import { ClusterBreadcrumb } from "@/components/cluster/cluster-breadcrumb";
import { UnknownCluster } from "@/components/cluster/unknown-cluster";
import { PageHeader } from "@/components/ui/page-header";
import { topicPath } from "@/lib/client/cluster-paths";
import { pageCluster } from "@/lib/server/clusters/page-cluster";

type Props = { params: Promise<{ name: string; topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Topic ${decodeURIComponent((await params).topic)}` };
}

export default async function TopicPage({ params }: Props) {
  const p = await params;
  const topic = decodeURIComponent(p.topic);
  const cluster = pageCluster(p.name, (c) => topicPath(c, topic));
  if (!cluster.configured) return <UnknownCluster name={cluster.name} known={cluster.known} />;
  return (
    <>
      <ClusterBreadcrumb cluster={cluster.name} what="topic" />
      <PageHeader title={topic} subtitle="Partition health, offsets, input rate and the groups that read it." />
      <TopicDetailView key={cluster.name} cluster={cluster.name} topic={topic} />
    </>
  );
}
