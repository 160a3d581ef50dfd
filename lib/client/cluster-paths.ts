/**
 * Where a cluster's pages live (issue 18): /clusters/NAME, its groups and topics under it. The
 * old /cluster… paths redirect to the default cluster's. An incident's cluster may be stored as
 * "default" (older incidents): /clusters/default redirects to the default cluster too.
 */
const seg = encodeURIComponent;

export const clusterPath = (cluster: string) => `/clusters/${seg(cluster)}`;
export const groupPath = (cluster: string, groupId: string) => `${clusterPath(cluster)}/groups/${seg(groupId)}`;
export const topicPath = (cluster: string, topic: string) => `${clusterPath(cluster)}/topics/${seg(topic)}`;

/** The cluster a pathname is about (/clusters/NAME/…), or null off the cluster pages. */
export function clusterOfPath(pathname: string): string | null {
  const m = /^\/clusters\/([^/]+)/.exec(pathname);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/** A query string naming the cluster for the Cluster API (`?cluster=NAME`). */
export const clusterQuery = (cluster: string) => `cluster=${seg(cluster)}`;
