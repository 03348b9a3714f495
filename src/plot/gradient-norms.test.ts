// gradientNorms: per-layer norms as bars for one step, as log-axis lines over training, smoothed over long runs.
import { describe, expect, it } from "vitest";
import { fmt } from "./format";
import { gradientNorms } from "./gradient-norms";
import { describeFigure } from "./summary";

describe("gradientNorms", () => {
  it("one step: one bar per layer, in the given order", () => {
    const fig = gradientNorms({ "Linear 1 (W)": 0.02, "Linear 2 (W)": 0.3 });
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0].type).toBe("bar");
    expect(fig.data[0].x).toEqual(["Linear 1 (W)", "Linear 2 (W)"]);
    expect(fig.data[0].y).toEqual([0.02, 0.3]);
    expect(fig.layout.yaxis?.title?.text).toContain("L2 norm");
    expect(fig.layout.xaxis?.title?.text).toMatch(/^Layer/);
  });

  it("over training: one line per layer on a log axis (Nielsen)", () => {
    const fig = gradientNorms({ layer1: [1e-4, 2e-5, 1e-6], layer2: [0.1, 0.05, 0.02] });
    expect(fig.data.map((t) => t.type)).toEqual(["scatter", "scatter"]);
    expect(fig.data[1].y).toEqual([0.1, 0.05, 0.02]);
    expect(fig.data[0].x).toEqual([1, 2, 3]);
    expect(fig.layout.yaxis?.type).toBe("log");
    expect(fig.layout.xaxis?.title?.text).toMatch(/^Step/);
  });

  it("leaves a gap for zero norms on the log axis", () => {
    expect(gradientNorms({ a: [1, 0, 2] }).data[0].y).toEqual([1, null, 2]);
  });

  it("names bad norms", () => {
    expect(() => gradientNorms({})).toThrow("gradientNorms: norms must name at least one layer, got {}");
    expect(() => gradientNorms({ a: NaN })).toThrow('gradientNorms: layer "a" norms must be finite numbers >= 0, got NaN');
    expect(() => gradientNorms({ a: [1, -1] })).toThrow('gradientNorms: layer "a" norms must be finite numbers >= 0, got -1');
  });
});

describe("gradientNorms over long runs", () => {
  it("smooths log10 of the norms past 100 steps (a geometric moving average) and says so", () => {
    const norms = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1e-2 : 1e-4));
    const fig = gradientNorms({ layer: norms });
    expect(fig.data[0].name).toBe("layer");
    expect(fig.layout.title.text).toBe("Gradient norm per layer during training (moving average)");
    const last = fig.data[0].y![199] as number;
    // Alternating 1e-2 and 1e-4 average to about 1e-3 in log space, not 5e-3 as plain means would.
    expect(Math.log10(last)).toBeCloseTo(-3, 0);
    expect(gradientNorms({ layer: norms }, { smoothing: 0 }).data[0].y).toEqual(norms);
  });
});

describe("gradientNorms text summary", () => {
  it("reports each line's last drawn value at its own step, once, when the line ends in gaps", () => {
    const plain = describeFigure(gradientNorms({ layer: [0.2, 0.05, 0, 0] }));
    expect(plain).toContain("layer: line, 2 values, last 0.05 at x=2,");
    expect(plain.match(/last/g)).toHaveLength(1);
  });

  it("reports the smoothed last value, not the raw one, when the lines are smoothed", () => {
    const norms = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1e-2 : 1e-4));
    const fig = gradientNorms({ layer: norms });
    const plain = describeFigure(fig);
    expect(plain).toContain(`last ${fmt(fig.data[0].y![199] as number)} at x=200,`);
    expect(plain.match(/last/g)).toHaveLength(1);
    expect(plain).toContain("lines smoothed (moving average of log10, weight 0.9)");
  });
});
