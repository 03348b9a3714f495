// gradCheckPlot: analytic against numeric gradients with CS231n's error bands, worst offenders labelled.
import { describe, expect, it } from "vitest";
import { errorBand } from "../gradcheck/relative-error";
import { bandOf, entryName, gradCheckPlot, type GradCheckReportLike } from "./gradcheck-plot";

const report: GradCheckReportLike = {
  params: [
    { name: "W1", shape: [2, 3], indices: [0, 4, 5], analytic: [0.5, -0.25, 0.1], numeric: [0.5, -0.25000001, 0.13], relErrors: [1e-10, 2e-8, 0.13] },
    { name: "b1", shape: [3], indices: [1], analytic: [0.002], numeric: [0.0020001], relErrors: [2.5e-5] },
  ],
};

describe("gradCheckPlot", () => {
  it("draws y = x plus one trace per band present, points at (analytic, numeric)", () => {
    const fig = gradCheckPlot(report);
    expect(fig.data[0].name).toMatch(/^y = x/);
    expect(fig.data.slice(1).map((t) => t.name!.split(":")[0])).toEqual(["good", "kinks", "wrong"]);
    const good = fig.data[1];
    expect(good.x).toEqual([0.5, -0.25]);
    expect(good.y).toEqual([0.5, -0.25000001]);
    expect(fig.data[3].x).toEqual([0.1]);
    expect(fig.data[3].hovertext).toEqual([expect.stringContaining("W1[1, 2]")]);
    expect(fig.layout.xaxis?.title?.text).toMatch(/^Analytic/);
    expect(fig.layout.yaxis?.title?.text).toMatch(/^Numeric/);
  });

  it("labels the worst offenders (not the good points)", () => {
    const fig = gradCheckPlot(report);
    const texts = fig.layout.annotations!.map((a) => a.text);
    expect(texts).toEqual(["W1[1, 2]: rel. err 1.3e-1", "b1[1]: rel. err 2.5e-5"]);
    expect(fig.layout.title.text).toContain("worst rel. error 1.3e-1");
  });

  it("log-log plots absolute values on log axes and drops zeros", () => {
    const withZero: GradCheckReportLike = { params: [{ name: "w", indices: [0, 1], analytic: [-0.5, 0], numeric: [-0.5, 0], relErrors: [0, 0] }] };
    const fig = gradCheckPlot(withZero, { logLog: true });
    expect(fig.layout.xaxis?.type).toBe("log");
    expect(fig.layout.yaxis?.type).toBe("log");
    expect(fig.data[1].x).toEqual([0.5]);
    expect(fig[Symbol.for("backprop-lab.mimeBundle") as never]).toBeTypeOf("function");
  });

  it("reads every error in the same band as gradcheck (plot keeps its own copy of the limits)", () => {
    const errors = [0, 1e-9, 1e-7, 1.01e-7, 1e-4, 1.01e-4, 1e-2, 1.01e-2, 1, Infinity, NaN];
    expect(errors.map(bandOf)).toEqual(errors.map(errorBand));
  });

  it("bands follow CS231n's limits", () => {
    expect([1e-8, 1e-7, 1e-5, 1e-3, 0.5, NaN].map(bandOf)).toEqual(["good", "good", "kinks", "uncomfortable", "wrong", "wrong"]);
    expect(entryName("W", 5, [2, 3])).toBe("W[1, 2]");
    expect(entryName("b", 2)).toBe("b[2]");
  });

  it("names mismatched arrays", () => {
    const bad = { params: [{ name: "W", indices: [0, 1], analytic: [1], numeric: [1, 2], relErrors: [0, 0] }] };
    expect(() => gradCheckPlot(bad)).toThrow('gradCheckPlot: param "W" indices, analytic, numeric and relErrors must have the same length, got 2, 1, 2, 2');
    expect(() => gradCheckPlot({ params: [] })).toThrow("gradCheckPlot: report must hold at least one checked entry, got none");
  });
});
