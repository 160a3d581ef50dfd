import { alertOperations, catalogOperations, ownerOperations } from "./catalog-operations";
import { clusterOperations } from "./cluster-operations";
import { coreOperations } from "./core-operations";
import { diagnosisOperations } from "./diagnosis-operations";
import { drillOperations } from "./drill-operations";
import { freshnessOperations } from "./freshness-operations";
import { incidentOperations } from "./incident-operations";
import { mitigationOperations } from "./mitigation-operations";
import { observabilityOperations } from "./observability-operations";
import { notificationOperations } from "./notification-operations";
import { reviewOperations } from "./review-operations";
import type { Operation } from "./types";

// Features add their operation groups here; route handlers pass the same objects to route(),
// so an operation's role and schemas are declared once for the handler and the document.
export const ALL_OPERATIONS: Operation[] = [
  coreOperations,
  clusterOperations,
  incidentOperations,
  diagnosisOperations,
  mitigationOperations,
  reviewOperations,
  catalogOperations,
  ownerOperations,
  alertOperations,
  drillOperations,
  observabilityOperations,
  notificationOperations,
  freshnessOperations,
].flatMap((group) => Object.values(group));
