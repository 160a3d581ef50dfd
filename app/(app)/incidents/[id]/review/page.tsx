import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ReviewPage } from "@/components/review/review-page";
import { currentPrincipal } from "@/lib/server/auth/current";
import { AppError } from "@/lib/server/http/errors";
import { getReview } from "@/lib/server/reviews/get-review";

export const metadata: Metadata = { title: "Post-incident review" };

export default async function IncidentReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  const view = await getReview(id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <ReviewPage incidentId={id} initial={JSON.parse(JSON.stringify(view))} role={principal.role} />;
}
