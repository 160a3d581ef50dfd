import type { Metadata } from "next";
import { ClusterOverviewView } from "@/components/cluster/cluster-overview";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Cluster" };

export default function ClusterPage() {
  return (
    <>
      <PageHeader title="Cluster" subtitle="Brokers, topics and consumer groups with lag in records and seconds." />
      <ClusterOverviewView />
    </>
  );
}
