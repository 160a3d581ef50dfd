import { describe, expect, it } from "vitest";
import { KNOWN_LEAF_IDS, buildChecklist } from "./checklist";

/** What a responder reads on the checklist: no references to our design documents ("seed 000"). */
const INTERNAL = /\bseed\s*0\d\d\b|\bS\d{1,2}\b/i;

describe("checklist words", () => {
  const inputs = [
    { causes: [], signals: null, scope: { topics: [], groups: [] } },
    ...KNOWN_LEAF_IDS.map((leafId) => ({ causes: [{ leafId, score: 0.8, confirmed: false }], signals: null, scope: { topics: ["orders"], groups: ["billing"] } })),
  ];

  it("names no internal document in any item's title, reason, precondition, warning or stop condition", () => {
    for (const input of inputs) {
      for (const item of buildChecklist(input)) {
        const texts = [item.title, item.why, ...item.warnings, ...item.stopConditions, ...item.preconditions.flatMap((p) => [p.label, p.current])];
        for (const text of texts) expect(text, `${item.id} for ${input.causes[0]?.leafId ?? "no cause"}`).not.toMatch(INTERNAL);
      }
    }
  });
});
