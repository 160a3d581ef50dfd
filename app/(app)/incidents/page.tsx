import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { FreshnessProposals } from "@/components/incidents/freshness-proposals";
import { IncidentList } from "@/components/incidents/incident-list";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/auth/roles";
import { currentPrincipal } from "@/lib/server/auth/current";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const principal = await currentPrincipal();
  const canOpen = principal ? roleAtLeast(principal.role, "commander") : false;
  return (
    <>
      <PageHeader
        title="Incidents"
        subtitle="Open incidents first. The list follows changes live."
        actions={
          canOpen ? (
            <Link href="/incidents/new" data-testid="new-incident" className="rounded-md bg-bad px-3 py-2 text-sm font-semibold text-bg">
              New incident
            </Link>
          ) : null
        }
      />
      <FreshnessProposals canDecide={canOpen} />
      <Suspense fallback={<p className="text-sm text-muted">Loading incidents…</p>}>
        <IncidentList />
      </Suspense>
    </>
  );
}
