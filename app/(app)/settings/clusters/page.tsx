import type { Metadata } from "next";
import { ClusterSettingsPanel } from "@/components/drills/cluster-settings-panel";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "Clusters" };

export default async function ClusterSettingsPage() {
  const principal = await currentPrincipal();
  return (
    <>
      <PageHeader title="Clusters" subtitle="Which clusters are non-production, so drills may run on them." />
      <ClusterSettingsPanel canManage={principal?.role === "admin"} />
    </>
  );
}
