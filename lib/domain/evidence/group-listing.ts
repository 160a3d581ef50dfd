/**
 * Whether a snapshot's group list is Kafka's whole answer. The collector says so in its warnings
 * when a broker did not list or describe its groups; then a group missing from the snapshot may
 * still exist, and only then may a view fall back on the groups of earlier samples.
 */
export function groupsUnlistedWarning(nodeId: number, why: string): string {
  return `groups on broker ${nodeId} unlisted${why}`;
}

export function groupsUndescribedWarning(nodeId: number, why: string, protocol: "classic" | "consumer" = "classic"): string {
  return `${protocol === "consumer" ? "consumer-protocol groups" : "groups"} on broker ${nodeId} undescribed${why}`;
}

const INCOMPLETE = /^(consumer-protocol groups|groups) on broker \d+ (unlisted|undescribed)/;

export function groupListingComplete(warnings: readonly string[]): boolean {
  return !warnings.some((w) => INCOMPLETE.test(w));
}
