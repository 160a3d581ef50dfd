/**
 * Every React Query key in one factory, scoped by cluster and incident, so live updates can
 * invalidate exactly what changed. Never write a key inline. A cluster scope is the cluster's
 * name as the URL has it (/clusters/NAME), so two clusters' pages never share a cached read.
 */
export const queryKeys = {
  health: () => ["health"] as const,
  me: () => ["me"] as const,
  users: () => ["users"] as const,
  tokens: () => ["tokens"] as const,
  clusters: () => ["clusters"] as const,
  cluster: (cluster: string) => ["cluster", cluster] as const,
  clusterOverview: (cluster: string) => [...queryKeys.cluster(cluster), "overview"] as const,
  group: (cluster: string, groupId: string) => [...queryKeys.cluster(cluster), "group", groupId] as const,
  topic: (cluster: string, topic: string) => [...queryKeys.cluster(cluster), "topic", topic] as const,
  brokerCharts: (cluster: string, minutes: number) => [...queryKeys.cluster(cluster), "broker-charts", minutes] as const,
  groupSeries: (cluster: string, groupId: string, minutes: number) => [...queryKeys.group(cluster, groupId), "series", minutes] as const,
  incidents: () => ["incidents"] as const,
  incidentList: (filters: Record<string, string | undefined>) => [...queryKeys.incidents(), "list", filters] as const,
  incident: (incidentId: string) => [...queryKeys.incidents(), "detail", incidentId] as const,
  review: (incidentId: string) => [...queryKeys.incident(incidentId), "review"] as const,
  metrics: (includeDrills: boolean) => ["metrics", { includeDrills }] as const,
  incidentSeverityEvaluation: (incidentId: string) => [...queryKeys.incident(incidentId), "severity-evaluation"] as const,
  incidentBlastRadius: (incidentId: string) => [...queryKeys.incident(incidentId), "blast-radius"] as const,
  incidentCharts: (incidentId: string) => [...queryKeys.incident(incidentId), "charts"] as const,
  incidentBrokerCharts: (incidentId: string) => [...queryKeys.incident(incidentId), "broker-charts"] as const,
  catalog: () => ["catalog"] as const,
  freshnessProposals: () => ["freshness-proposals"] as const,
  owners: () => ["owners"] as const,
  notifications: () => ["notifications"] as const,
  notificationChannels: () => [...queryKeys.notifications(), "channels"] as const,
  notificationDeliveryLists: () => [...queryKeys.notifications(), "deliveries"] as const,
  notificationDeliveries: (filters: Record<string, string | undefined>) => [...queryKeys.notificationDeliveryLists(), filters] as const,
  clusterRouting: (cluster: string) => [...queryKeys.cluster(cluster), "routing"] as const,
  incidentCatchUp: (incidentId: string, lastSeq: number) => [...queryKeys.incident(incidentId), "catch-up", lastSeq] as const,
};
