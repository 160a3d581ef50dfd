/** The last stable offset under a high watermark, shown only where they differ (an open transaction). */
export function LastStable({ end, stable }: { end: number | null; stable: number | null }) {
  if (end === null || stable === null || stable >= end) return null;
  return (
    <span className="block text-xs text-warn" data-testid="last-stable" title="Last stable offset: read_committed consumers stop here until the open transaction commits or aborts">
      LSO {stable} (open transaction)
    </span>
  );
}
