import type { Metadata } from "next";
import { MetricsDashboard } from "@/components/review/metrics-dashboard";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Reviews" };

export default function ReviewsPage() {
  return (
    <>
      <PageHeader title="Reviews" subtitle="Post-incident reviews and the manager's view: response times, severities, causes and action items. Drills are left out unless included." />
      <MetricsDashboard />
    </>
  );
}
