import type { Metadata } from "next";
import Link from "next/link";
import { GroupDetailView } from "@/components/cluster/group-detail";
import { PageHeader } from "@/components/ui/page-header";

type Props = { params: Promise<{ groupId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Group ${decodeURIComponent((await params).groupId)}` };
}

export default async function GroupPage({ params }: Props) {
  const groupId = decodeURIComponent((await params).groupId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/cluster" className="text-accent hover:underline">
          Cluster
        </Link>{" "}
        <span className="text-muted">/ consumer group</span>
      </nav>
      <PageHeader title={groupId} subtitle="Lag in records and seconds, input vs consume rate, per-partition status and retention risk." />
      <GroupDetailView groupId={groupId} />
    </>
  );
}
