import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Drills" };

export default function DrillsPage() {
  return (
    <>
      <PageHeader title="Drills" subtitle="Rehearse seed failures on a non-production cluster." />
      <EmptyState title="Nothing here yet" testId="drills-empty" />
    </>
  );
}
