/**
 * A configured cluster's connection state, from its sampler's last attempt: the sampler tries
 * every interval, so its newest outcome is the freshest word on the connection. Pure.
 */
export const CLUSTER_HEALTH_STATES = ["connected", "connecting", "unreachable", "auth-failed", "not-authorized", "error"] as const;

export type ClusterHealthState = (typeof CLUSTER_HEALTH_STATES)[number];

export function clusterHealthState(status: { lastSampleAt: number | null; lastError: { code: string } | null }): ClusterHealthState {
  const e = status.lastError;
  if (e) {
    if (e.code === "KAFKA_AUTH_FAILED") return "auth-failed";
    if (e.code === "KAFKA_NOT_AUTHORIZED") return "not-authorized";
    if (e.code === "KAFKA_UNREACHABLE" || e.code === "KAFKA_TIMEOUT") return "unreachable";
    return "error";
  }
  return status.lastSampleAt === null ? "connecting" : "connected";
}
