import type { Metadata } from "next";
import { CatalogPanel } from "@/components/catalog/catalog-panel";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "Ownership catalog" };

export default async function CatalogSettingsPage() {
  const principal = await currentPrincipal();
  return (
    <>
      <PageHeader
        title="Ownership catalog"
        subtitle="Which service and team own each topic and consumer group, its tier and freshness SLO, and who owns impact, diagnosis and action. Alerts are routed from here; severity reads the SLOs."
      />
      <CatalogPanel canEdit={principal?.role === "admin"} />
    </>
  );
}
