import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountPanel } from "@/components/settings/account-panel";
import { TokensPanel } from "@/components/settings/tokens-panel";
import { UsersPanel } from "@/components/settings/users-panel";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "Users and API tokens" };

export default async function UsersSettingsPage() {
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  const me = { id: principal.id, role: principal.role, isPerson: principal.kind === "user" };
  return (
    <>
      <PageHeader title="Users and API tokens" subtitle="Roles: viewers read; responders annotate and approve; commanders drive incidents; admins manage people, tokens and settings." />
      <div className="space-y-10">
        <UsersPanel me={me} />
        <TokensPanel me={me} />
        <AccountPanel />
      </div>
    </>
  );
}
