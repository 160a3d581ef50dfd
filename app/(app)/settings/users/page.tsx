import type { Metadata } from "next";
import { UsersPanel } from "@/components/settings/users-panel";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "Users and API tokens" };

export default async function UsersSettingsPage() {
  const principal = await currentPrincipal();
  return (
    <>
      <PageHeader title="Users and API tokens" subtitle="Roles: viewers read; responders annotate and approve; commanders drive incidents; admins manage people, tokens and settings." />
      <UsersPanel canManage={principal?.role === "admin"} />
    </>
  );
}
