import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Cluster" };

export default function ClusterPage() {
  return (
    <>
      <PageHeader title="Cluster" subtitle="Brokers, topics and consumer groups with lag in records and seconds." />
      <EmptyState title="Nothing here yet" testId="cluster-empty" />
    </>
  );
}
