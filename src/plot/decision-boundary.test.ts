// decisionBoundary: the classifier's classes filled over a grid under the points, mistakes counted.
import { describe, expect, it } from "vitest";
import { decisionBoundary } from "./decision-boundary";

describe("decisionBoundary", () => {
  const points = [[-1, -1], [-0.5, 0.2], [1, 1], [0.6, -0.1]];
  const labels = [0, 0, 1, 1];
  const predict = (x: number) => (x > 0 ? 1 : 0);

  it("fills a grid with the classifier's classes under one scatter per class", () => {
    const fig = decisionBoundary({ predict, points, labels, xRange: [-2, 2], yRange: [-2, 2], resolution: 5 });
    expect(fig.data.map((t) => t.type)).toEqual(["heatmap", "scatter", "scatter"]);
    const z = fig.data[0].z!;
    expect(z).toHaveLength(5);
    expect(z[0]).toEqual([0, 0, 0, 1, 1]); // x = -2, -1, 0, 1, 2
    expect(fig.data[0].x).toEqual([-2, -1, 0, 1, 2]);
    expect(fig.data[1].x).toEqual([-1, -0.5]);
    expect(fig.data[2].y).toEqual([1, -0.1]);
    expect(fig.data.slice(1).map((t) => t.name)).toEqual(["class 0", "class 1"]);
    expect(fig.layout.title.text).toContain("100% of points classified correctly");
  });

  it("defaults the range to the points plus a margin and counts mistakes", () => {
    const fig = decisionBoundary({ predict: () => 0, points, labels, resolution: 3 });
    expect(fig.data[0].x).toEqual([-1.2, -0, 1.2].map((v) => expect.closeTo(v, 12)));
    expect(fig.layout.title.text).toContain("50% of points");
  });

  it("accepts the points as a [n, 2] matrix", () => {
    const fig = decisionBoundary({ predict, points: { data: new Float64Array([-1, 2, 3, 4]), shape: [2, 2] }, labels: [0, 1], resolution: 2 });
    expect(fig.data[1].x).toEqual([-1]);
    expect(fig.data[2].y).toEqual([4]);
    expect(() => decisionBoundary({ predict, points: { data: new Float64Array(3), shape: [1, 3] }, labels: [0] })).toThrow("decisionBoundary: points must be [n, 2], got [1, 3]");
  });

  it("names bad input", () => {
    expect(() => decisionBoundary({ predict, points, labels: [0] })).toThrow("decisionBoundary: points and labels must have the same length, got 4 and 1");
    expect(() => decisionBoundary({ predict: () => 0.5, points, labels })).toThrow(/decisionBoundary: predict must return a class index >= 0, got 0.5 at/);
    expect(() => decisionBoundary({ predict, points: [[1, 2, 3]], labels: [0] })).toThrow("decisionBoundary: points must be [n, 2], got row 0 with 3 numbers");
  });
});
