import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NewIncidentForm } from "@/components/incidents/new-incident-form";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/auth/roles";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const principal = await currentPrincipal();
  if (!principal || !roleAtLeast(principal.role, "commander")) redirect("/incidents");
  return (
    <>
      <PageHeader title="New incident" subtitle="You take command when you open it. Detection time is now; set impact start if it began earlier." />
      <NewIncidentForm />
    </>
  );
}
