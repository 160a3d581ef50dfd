import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Incidents" };

export default function IncidentsPage() {
  return (
    <>
      <PageHeader title="Incidents" subtitle="Open incidents first. Nothing is open right now." />
      <EmptyState title="Nothing here yet" testId="incidents-empty" />
    </>
  );
}
