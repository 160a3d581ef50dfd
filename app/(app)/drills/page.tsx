import type { Metadata } from "next";
import { DrillsPanel } from "@/components/drills/drills-panel";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/auth/roles";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "Drills" };

export default async function DrillsPage() {
  const principal = await currentPrincipal();
  return (
    <>
      <PageHeader title="Drills" subtitle="Rehearse seed failures on a non-production cluster: each drill opens an incident labelled DRILL, left out of the real metrics." />
      <DrillsPanel canStart={!!principal && roleAtLeast(principal.role, "commander")} />
    </>
  );
}
