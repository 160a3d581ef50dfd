import { z } from "zod";
import { ClusterParams, ClusterSettingView, DrillParams, DrillView, PutClusterSettingBody, ScenarioView, StartDrillBody } from "@/lib/schemas/drills";
import { defineOperations } from "./types";

export const drillOperations = defineOperations({
  list: {
    method: "get",
    path: "/api/drills",
    summary: "Drills of this server (running first), the scenarios and the clusters' safety settings",
    tag: "drills",
    auth: "viewer",
    response: z.object({ drills: z.array(DrillView), scenarios: z.array(ScenarioView), clusters: z.array(ClusterSettingView) }),
  },
  start: {
    method: "post",
    path: "/api/drills",
    summary: "Start a drill on a cluster marked non-production (412 when it is production, 409 when two already run); opens a DRILL incident",
    tag: "drills",
    auth: "commander",
    body: StartDrillBody,
    response: z.object({ drill: DrillView }),
    status: 201,
  },
  get: { method: "get", path: "/api/drills/{id}", summary: "One drill", tag: "drills", auth: "viewer", params: DrillParams, response: z.object({ drill: DrillView }) },
  stop: {
    method: "post",
    path: "/api/drills/{id}/stop",
    summary: "Stop a drill and remove every topic, group and config change it made; the incident stays for the walk-through",
    tag: "drills",
    auth: "commander",
    params: DrillParams,
    response: z.object({ drill: DrillView }),
  },
  listClusters: { method: "get", path: "/api/settings/clusters", summary: "Safety settings of the clusters (production unless marked otherwise)", tag: "drills", auth: "viewer", response: z.object({ clusters: z.array(ClusterSettingView) }) },
  getCluster: { method: "get", path: "/api/settings/clusters/{name}", summary: "One cluster's safety setting", tag: "drills", auth: "viewer", params: ClusterParams, response: z.object({ cluster: ClusterSettingView }) },
  putCluster: {
    method: "put",
    path: "/api/settings/clusters/{name}",
    summary: "Mark the configured cluster production or non-production (drills allowed)",
    tag: "drills",
    auth: "admin",
    params: ClusterParams,
    body: PutClusterSettingBody,
    response: z.object({ cluster: ClusterSettingView }),
  },
});
