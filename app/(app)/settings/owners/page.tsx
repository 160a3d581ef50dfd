import type { Metadata } from "next";
import { OwnersPanel } from "@/components/settings/owners-panel";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "Data owners" };

export default async function OwnersSettingsPage() {
  const principal = await currentPrincipal();
  return (
    <>
      <PageHeader
        title="Data owners"
        subtitle="Who speaks for each owner the catalog names. An offset reset or skip of a catalogued consumer group needs approval by a person mapped to the group's action owner — not any responder."
      />
      <OwnersPanel canEdit={principal?.role === "admin"} />
    </>
  );
}
