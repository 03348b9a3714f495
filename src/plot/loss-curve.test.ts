// lossCurve, accuracyCurve and their axis ticks.
import { describe, expect, it } from "vitest";
import { accuracyCurve, lossCurve } from "./loss-curve";
import { smooth } from "./line-chart";

describe("lossCurve", () => {
  it("draws one line per named series with titled axes", () => {
    const fig = lossCurve({ train: [2.3, 1.1, 0.6], validation: [2.4, 1.3, 0.9] }, { per: "epoch" });
    expect(fig.data.map((t) => t.name)).toEqual(["train", "validation"]);
    expect(fig.data[0].x).toEqual([1, 2, 3]);
    expect(fig.data[1].y).toEqual([2.4, 1.3, 0.9]);
    expect(fig.layout.title.text).toBe("Loss during training");
    expect(fig.layout.xaxis?.title?.text).toMatch(/^Epoch/);
    expect(fig.layout.yaxis?.title?.text).toMatch(/^Loss/);
    expect(fig.data[0].line?.color).not.toBe(fig.data[1].line?.color);
    expect(fig.data[0].hovertemplate).toContain("train");
  });

  it("accepts a bare array and series with their own x", () => {
    expect(lossCurve([3, 2]).data[0].name).toBe("loss");
    const fig = lossCurve([{ name: "val", values: [1, 0.5], x: [100, 200] }]);
    expect(fig.data[0].x).toEqual([100, 200]);
  });

  it("smoothing puts the raw values faint behind a smoothed line", () => {
    const fig = lossCurve([4, 2, 2, 0], { smoothing: 0.5 });
    expect(fig.data).toHaveLength(2);
    expect(fig.data[0].y).toEqual([4, 2, 2, 0]);
    expect(fig.data[0].showlegend).toBe(false);
    expect(fig.data[1].y).toEqual(smooth([4, 2, 2, 0], 0.5));
  });

  it("smooth is a bias-corrected moving average", () => {
    // First value unchanged; then (0.5·0.5·4 + 0.5·2)/(1 − 0.25) = 2.6667
    const s = smooth([4, 2], 0.5);
    expect(s[0]).toBeCloseTo(4, 12);
    expect(s[1]).toBeCloseTo((0.5 * 0.5 * 4 + 0.5 * 2) / 0.75, 12);
    expect(() => smooth([1], 1)).toThrow("smooth: weight must be in [0, 1), got 1");
  });

  it("log y sets the axis type and refuses non-positive losses", () => {
    expect(lossCurve([1, 0.1], { logY: true }).layout.yaxis?.type).toBe("log");
    expect(() => lossCurve({ train: [1, 0] }, { logY: true })).toThrow('lossCurve: logY needs every loss > 0, got 0 in "train"');
  });

  it("names the problem with bad input", () => {
    expect(() => lossCurve({})).toThrow("lossCurve: series must hold at least one non-empty array, got none");
    expect(() => lossCurve([{ name: "a", values: [1, 2], x: [1] }])).toThrow('lossCurve: series "a" x and values must have the same length, got x 1 and values 2');
  });
});

describe("accuracyCurve", () => {
  it("shows fractions as percent with a percent axis", () => {
    const fig = accuracyCurve({ train: [0.5, 0.9], validation: [0.45, 0.88] });
    expect(fig.data[0].y).toEqual([50, 90]);
    expect(fig.data[1].y).toEqual([45, 88]);
    expect(fig.layout.yaxis?.title?.text).toBe("Accuracy (%)");
    expect(fig.layout.yaxis?.range?.[1]).toBe(101);
    expect(fig.layout.xaxis?.title?.text).toMatch(/^Epoch/);
  });

  it("keeps percentages and refuses values outside [0, 100]", () => {
    expect(accuracyCurve([50, 93.2]).data[0].y).toEqual([50, 93.2]);
    expect(() => accuracyCurve([50, 120])).toThrow('accuracyCurve: accuracy must be in [0, 1] or [0, 100], got 120 in "accuracy"');
  });
});

describe("axis ticks", () => {
  it("epochs get whole-number ticks; a short log axis gets 1-2-5 ticks written in full", () => {
    const fig = lossCurve({ train: [2, 1, 0.5] }, { per: "epoch", logY: true });
    expect(fig.layout.xaxis).toMatchObject({ tickmode: "linear", dtick: 1 });
    expect(fig.layout.yaxis?.tickvals).toEqual([0.5, 1, 2]);
    expect(fig.layout.yaxis?.ticktext).toEqual(["0.5", "1", "2"]);
    expect(lossCurve([1e-6, 1], { logY: true }).layout.yaxis).toMatchObject({ type: "log", exponentformat: "power", dtick: 1 });
    // 32 decades: a tick every 4, not 32 piled-up labels.
    expect(lossCurve([1e-31, 10], { logY: true }).layout.yaxis).toMatchObject({ type: "log", dtick: 4 });
  });
});
