import { describe, expect, it } from "vitest";
import { clusterOfPath, clusterPath, clusterQuery, groupPath, topicPath } from "./cluster-paths";

describe("cluster paths", () => {
  it("puts groups and topics under the cluster's name, each segment encoded", () => {
    expect(clusterPath("prod-eu")).toBe("/clusters/prod-eu");
    expect(groupPath("prod eu", "billing/consumers")).toBe("/clusters/prod%20eu/groups/billing%2Fconsumers");
    expect(topicPath("second", "orders.v2")).toBe("/clusters/second/topics/orders.v2");
    expect(clusterQuery("a&b")).toBe("cluster=a%26b");
  });

  it("reads the cluster back from a page path, and none off the cluster pages", () => {
    expect(clusterOfPath(groupPath("prod eu", "g"))).toBe("prod eu");
    expect(clusterOfPath("/clusters/second")).toBe("second");
    expect(clusterOfPath("/cluster/groups/g")).toBeNull();
    expect(clusterOfPath("/incidents/1")).toBeNull();
    expect(clusterOfPath("/clusters/%E0%A4%A")).toBeNull();
  });
});
