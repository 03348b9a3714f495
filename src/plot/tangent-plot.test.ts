// tangentPlot: f, f′ and the tangent at a point; a central difference when no derivative is given.
import { describe, expect, it } from "vitest";
import { tangentPlot } from "./tangent-plot";

describe("tangentPlot", () => {
  it("draws f, f′, the tangent and the point", () => {
    const fig = tangentPlot({ f: (x) => x * x, df: (x) => 2 * x, x0: 1, range: [-2, 2], samples: 5 });
    expect(fig.data.map((t) => t.name)).toEqual(["f(x)", "f′(x) (derivative)", "tangent at x = 1 (slope 2)", "(x, f(x)) = (1, 1)"]);
    expect(fig.data[0].x).toEqual([-2, -1, 0, 1, 2]);
    expect(fig.data[0].y).toEqual([4, 1, 0, 1, 4]);
    expect(fig.data[1].y).toEqual([-4, -2, 0, 2, 4]);
    // Tangent y = 1 + 2(x − 1) over x0 ± a quarter of the range.
    expect(fig.data[2].x).toEqual([0, 2]);
    expect(fig.data[2].y).toEqual([-1, 3]);
    expect(fig.layout.xaxis?.title?.text).toMatch(/^x/);
  });

  it("names the input as the function's label does", () => {
    const fig = tangentPlot({ f: (w) => w * w, x0: 0.5, range: [0, 1], name: "L(w1)" });
    expect(fig.data.map((t) => t.name)).toEqual(["L(w1)", "L′(w1) (derivative)", "tangent at w1 = 0.5 (slope 1)", "(w1, L(w1)) = (0.5, 0.25)"]);
    expect(fig.layout.title.text).toBe("L(w1), its derivative, and the tangent at w1 = 0.5");
  });

  it("falls back to a central difference for the derivative", () => {
    const fig = tangentPlot({ f: Math.sin, x0: 0, range: [-1, 1], samples: 3 });
    expect(fig.data[1].y!.map((v) => v as number)).toEqual([Math.cos(-1), 1, Math.cos(1)].map((v) => expect.closeTo(v, 8)));
  });

  it("names bad input", () => {
    expect(() => tangentPlot({ f: (x) => x, x0: 0, range: [1, 1] })).toThrow("tangentPlot: range must be [low, high] with low < high, got [1, 1]");
    expect(() => tangentPlot({ f: Math.log, x0: 0, range: [-1, 1] })).toThrow("tangentPlot: f and its derivative must be finite at x0, got f(0) = -Infinity, slope NaN");
  });
});
