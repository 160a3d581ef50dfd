import Link from "next/link";

/** The incident page's Review tab: a way into the post-incident review. */
export function ReviewLink({ incidentId }: { incidentId: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface px-4 py-6 text-sm">
      <p className="mb-3 text-muted">The post-incident review: impact from stored evidence, the timeline excerpt, root cause, contributing factors, five whys and action items.</p>
      <Link href={`/incidents/${incidentId}/review`} data-testid="open-review" className="rounded bg-accent px-3 py-1.5 font-semibold text-white dark:text-black">
        Open the review
      </Link>
    </div>
  );
}
