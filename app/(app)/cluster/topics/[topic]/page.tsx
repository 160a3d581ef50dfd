import type { Metadata } from "next";
import Link from "next/link";
import { TopicDetailView } from "@/components/cluster/topic-detail";
import { PageHeader } from "@/components/ui/page-header";

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Topic ${decodeURIComponent((await params).topic)}` };
}

export default async function TopicPage({ params }: Props) {
  const topic = decodeURIComponent((await params).topic);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/cluster" className="text-accent hover:underline">
          Cluster
        </Link>{" "}
        <span className="text-muted">/ topic</span>
      </nav>
      <PageHeader title={topic} subtitle="Partition health, offsets, input rate and the groups that read it." />
      <TopicDetailView topic={topic} />
    </>
  );
}
