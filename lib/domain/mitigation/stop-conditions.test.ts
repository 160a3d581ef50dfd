import { describe, expect, it } from "vitest";
import { holdingStops } from "./stop-conditions";
import type { ChecklistItem, Precondition } from "./types";

const pre = (id: string, status: Precondition["status"], stop: boolean, forecast = false): Precondition => ({ id, label: `${id} holds`, status, current: `${id} now`, stop, ...(forecast ? { forecast } : {}) });
const item = (id: string, over: Partial<ChecklistItem>): ChecklistItem => ({
  id, section: "control", title: id, why: "", causes: [], mitigations: [], preconditions: [], blastRadius: { level: "high", why: "" }, needsHumanConfirmation: true, warnings: [], stopConditions: [], action: null, verdict: "check", ...over,
});

describe("stop conditions re-checked at execution", () => {
  const items = [
    item("runbook.input-availability", { section: "runbook", preconditions: [pre("retention", "fail", true)] }),
    item("runbook.protect-live", { section: "runbook", preconditions: [pre("cluster", "pass", true)] }),
    item("action.extend-retention", { section: "cause", action: "change-retention", preconditions: [pre("disk", "unknown", false)] }),
    item("control.isolate-poison", { action: "reset-offsets", preconditions: [pre("members", "warn", false)] }),
  ];

  it("an offset reset meets the runbook's failing stop preconditions", () => {
    expect(holdingStops(items, "reset-offsets")).toEqual([{ itemId: "runbook.input-availability", itemTitle: "runbook.input-availability", condition: "retention holds", current: "retention now" }]);
  });

  it("other actions meet only their own items' stops; passing, non-stop and forecast conditions never refuse", () => {
    expect(holdingStops(items, "change-retention")).toEqual([]);
    const forecastOnly = [item("runbook.input-availability", { section: "runbook", preconditions: [pre("retention", "fail", true, true)] })];
    expect(holdingStops(forecastOnly, "reset-offsets")).toEqual([]);
    const own = [item("action.add-partitions", { section: "cause", action: "add-partitions", preconditions: [pre("keys", "fail", true)] })];
    expect(holdingStops(own, "add-partitions")).toHaveLength(1);
  });
});
