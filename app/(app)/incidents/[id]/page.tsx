import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { IncidentView } from "@/components/incidents/incident-view";
import { currentPrincipal } from "@/lib/server/auth/current";
import { AppError } from "@/lib/server/http/errors";
import { getIncident } from "@/lib/server/incidents/get-incident";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  const detail = await getIncident(id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // Server-rendered with the whole log; the client then follows the stream from its last seq.
  return (
    <Suspense>
      <IncidentView initial={JSON.parse(JSON.stringify(detail))} role={principal.role} viewerId={principal.id} />
    </Suspense>
  );
}
