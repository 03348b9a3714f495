// xyChart: one line per series against a chosen x axis, log axes, and values a log axis cannot show.
import { describe, expect, it } from "vitest";
import { xyChart } from "./xy-chart";

describe("xyChart", () => {
  it("draws one line per series against the given x, with the given axis titles", () => {
    const fig = xyChart([{ name: "0.8ⁿ", x: [1, 2, 3], values: [0.8, 0.64, 0.512] }, { name: "0.25ⁿ", x: [1, 2, 3], values: [0.25, 0.0625, 0.015625] }], {
      title: "Products", xTitle: "depth n", yTitle: "product",
    });
    expect(fig.data.map((t) => t.name)).toEqual(["0.8ⁿ", "0.25ⁿ"]);
    expect(fig.data[1].x).toEqual([1, 2, 3]);
    expect(fig.data[1].y).toEqual([0.25, 0.0625, 0.015625]);
    expect(fig.layout.title.text).toBe("Products");
    expect(fig.layout.xaxis?.title?.text).toBe("depth n");
    expect(fig.layout.yaxis?.title?.text).toBe("product");
    expect(fig.layout.xaxis?.type).toBeUndefined();
  });

  it("log axes on request, and x defaults to 1, 2, 3, …", () => {
    const fig = xyChart({ time: [1, 4, 16] }, { title: "t", xTitle: "x", yTitle: "y", logX: true, logY: true });
    expect(fig.data[0].x).toEqual([1, 2, 3]);
    expect(fig.layout.xaxis?.type).toBe("log");
    expect(fig.layout.yaxis?.type).toBe("log");
  });

  it("refuses values a log axis cannot show", () => {
    expect(() => xyChart([{ name: "t", values: [1, 0] }], { title: "t", xTitle: "x", yTitle: "y", logY: true })).toThrow(
      "xyChart: logY needs every value > 0, got 0",
    );
    expect(() => xyChart([{ name: "t", x: [0, 1], values: [1, 2] }], { title: "t", xTitle: "x", yTitle: "y", logX: true })).toThrow(
      "xyChart: logX needs every x > 0, got 0",
    );
  });
});
