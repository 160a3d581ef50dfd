import { describe, expect, it } from "vitest";
import { buildOutline } from "@/lib/domain/diagnosis-marks/outline";
import { ancestorsOf, navigate, typeahead, visibleNodes } from "./outline-nav";

const outline = buildOutline(null);
const ids = (expanded: Set<string>) => visibleNodes(outline.roots, expanded).map((n) => n.id);

describe("outline keyboard model", () => {
  it("shows only the branches until one is expanded", () => {
    expect(ids(new Set())).toEqual(["producer", "broker", "topic", "consumer", "change"]);
    expect(ids(new Set(["consumer"]))).toEqual([
      "producer", "broker", "topic", "consumer",
      "consumer.rebalance-storm", "consumer.stopped", "consumer.poison-record", "consumer.slow-processing", "processor",
      "change",
    ]);
  });
  it("moves with up/down and Home/End, clamped at the ends", () => {
    const v = visibleNodes(outline.roots, new Set());
    expect(navigate("ArrowDown", "producer", v, new Set())?.focus).toBe("broker");
    expect(navigate("ArrowUp", "producer", v, new Set())?.focus).toBe("producer");
    expect(navigate("End", "producer", v, new Set())?.focus).toBe("change");
    expect(navigate("Home", "change", v, new Set())?.focus).toBe("producer");
    expect(navigate("ArrowDown", "change", v, new Set())?.focus).toBe("change");
  });
  it("right expands, then enters the first child; left collapses, then goes to the parent", () => {
    let expanded: ReadonlySet<string> = new Set();
    let r = navigate("ArrowRight", "consumer", visibleNodes(outline.roots, expanded), expanded);
    expect(r).toMatchObject({ focus: "consumer" });
    expanded = r?.expanded ?? expanded;
    expect(expanded.has("consumer")).toBe(true);
    r = navigate("ArrowRight", "consumer", visibleNodes(outline.roots, expanded), expanded);
    expect(r?.focus).toBe("consumer.rebalance-storm");
    r = navigate("ArrowRight", "consumer.rebalance-storm", visibleNodes(outline.roots, expanded), expanded);
    expect(r?.focus).toBe("consumer.rebalance-storm");
    r = navigate("ArrowLeft", "consumer.stopped", visibleNodes(outline.roots, expanded), expanded);
    expect(r?.focus).toBe("consumer");
    r = navigate("ArrowLeft", "consumer", visibleNodes(outline.roots, expanded), expanded);
    expect(r?.expanded.has("consumer")).toBe(false);
    expect(navigate("ArrowLeft", "producer", visibleNodes(outline.roots, new Set()), new Set())?.focus).toBe("producer");
  });
  it("opens on Enter and Space, ignores other keys", () => {
    const v = visibleNodes(outline.roots, new Set());
    expect(navigate("Enter", "topic", v, new Set())).toMatchObject({ focus: "topic", open: true });
    expect(navigate(" ", "topic", v, new Set())?.open).toBe(true);
    expect(navigate("Tab", "topic", v, new Set())).toBeNull();
  });
  it("type-to-search jumps to the next matching title and cycles on a repeated letter", () => {
    const v = visibleNodes(outline.roots, new Set(["consumer"]));
    expect(typeahead("c", "producer", v)).toBe("consumer");
    expect(typeahead("c", "consumer", v)).toBe("consumer.stopped");
    expect(typeahead("cc", "consumer.stopped", v)).toBe("consumer");
    expect(typeahead("consumers", "producer", v)).toBe("consumer.stopped");
    expect(typeahead("rec", "consumer.stopped", v)).toBe("change");
    expect(typeahead("zzz", "producer", v)).toBeNull();
  });
  it("knows which branches to open for a deep-linked node", () => {
    expect(ancestorsOf("consumer.sink-bottleneck", outline.byId)).toEqual(["consumer", "processor", "sink"]);
    expect(ancestorsOf("consumer", outline.byId)).toEqual([]);
  });
});
