import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Reviews" };

export default function ReviewsPage() {
  return (
    <>
      <PageHeader title="Reviews" subtitle="Post-incident reviews and the manager's view." />
      <EmptyState title="Nothing here yet" testId="reviews-empty" />
    </>
  );
}
