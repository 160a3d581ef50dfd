import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" subtitle="Users, API tokens, clusters and the ownership catalog." />
      <EmptyState title="Nothing here yet" testId="settings-empty" />
    </>
  );
}
