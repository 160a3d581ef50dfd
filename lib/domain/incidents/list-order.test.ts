import { describe, expect, it } from "vitest";
import { listSectionOf, orderIncidentList, type ListedIncident } from "./list-order";

const at = (minute: number) => `2026-12-01T09:${String(minute).padStart(2, "0")}:00.000Z`;
const incident = (name: string, over: Partial<ListedIncident>) => ({ name, status: "triage" as const, severity: null, openedAt: at(0), drill: false, ...over });

describe("incident list order", () => {
  it("puts open real incidents first by severity, then open drills, then reviewed/closed ones", () => {
    const list = [
      incident("closed sev1", { status: "closed", severity: "SEV1", openedAt: at(50) }),
      incident("drill sev1", { drill: true, severity: "SEV1", openedAt: at(40) }),
      incident("sev3 new", { severity: "SEV3", openedAt: at(30) }),
      incident("unclassified", { openedAt: at(59) }),
      incident("sev1 old", { severity: "SEV1", openedAt: at(1) }),
      incident("sev2", { status: "mitigation", severity: "SEV2", openedAt: at(20) }),
      incident("sev3 old", { severity: "SEV3", openedAt: at(10) }),
      incident("closed drill", { status: "closed", drill: true, openedAt: at(58) }),
      incident("review sev4", { status: "review", severity: "SEV4", openedAt: at(5) }),
    ];
    expect(orderIncidentList(list).map((i) => i.name)).toEqual([
      "sev1 old", "sev2", "sev3 new", "sev3 old", "unclassified",
      "drill sev1",
      "closed sev1", "review sev4", "closed drill",
    ]);
  });

  it("names the section of each", () => {
    expect(listSectionOf({ status: "detection", drill: false })).toBe("open");
    expect(listSectionOf({ status: "resolution", drill: true })).toBe("drills");
    expect(listSectionOf({ status: "review", drill: true })).toBe("finished");
  });
});
