// digitGrid: digit images tiled into one heatmap with labels, mistakes marked in red.
import { describe, expect, it } from "vitest";
import { digitGrid } from "./digit-grid";
import { MISTAKE_COLOR } from "./palette";

function image(value: number): number[] {
  return new Array(784).fill(0).map((_, i) => (i % 29 === 0 ? value : 0));
}

describe("digitGrid", () => {
  const images = [image(1), image(255), image(0.5)];

  it("tiles every image into one heatmap with a label above each", () => {
    const fig = digitGrid({ images, labels: [7, 2, 1], columns: 2 });
    expect(fig.data[0].type).toBe("heatmap");
    const z = fig.data[0].z!;
    expect(z).toHaveLength(2 * 40); // 2 rows of (28 + 12 label rows)
    expect(z[0]).toHaveLength(2 * 40);
    expect(z[12][6]).toBe(1); // first image's top-left pixel, after the label gap and half a side gap
    expect(z[12][46]).toBe(1); // second image scaled from 0–255
    expect(z[0][0]).toBeNull();
    expect(fig.layout.annotations!.map((a) => a.text)).toEqual(["7", "2", "1"]);
    expect(fig.layout.shapes).toEqual([]);
  });

  it("marks mistakes in red with true → predicted", () => {
    const fig = digitGrid({ images, labels: [7, 2, 1], predictions: [7, 3, 1] });
    const notes = fig.layout.annotations!;
    expect(notes.map((a) => a.text)).toEqual(["7", "<b>2 → 3</b>", "1"]);
    expect(notes[1].font?.color).toBe(MISTAKE_COLOR);
    expect(fig.layout.shapes).toHaveLength(1);
    expect(fig.layout.shapes![0].line?.color).toBe(MISTAKE_COLOR);
    expect(fig.layout.title.text).toContain("(1 of 3)");
    expect(fig.data[1].hovertext).toEqual(["image 0<br>true label 7<br>predicted 7", "image 1<br>true label 2<br>predicted 3 (wrong)", "image 2<br>true label 1<br>predicted 1"]);
  });

  it("accepts 28×28 grids and a [n, 784] matrix", () => {
    const grid = Array.from({ length: 28 }, (_, r) => image(1).slice(r * 28, r * 28 + 28));
    expect(digitGrid({ images: [grid], labels: [4] }).data[0].z![12][6]).toBe(1);
    const data = new Float64Array(2 * 784);
    data[784] = 0.75;
    const fig = digitGrid({ images: { data, shape: [2, 784] }, labels: [0, 1] });
    expect(fig.data[0].z![12][40 + 6]).toBe(0.75);
  });

  it("shrinks wide grids to fit an output area", () => {
    const many = Array.from({ length: 24 }, () => image(1));
    const labels = many.map(() => 1);
    expect(digitGrid({ images: many, labels, columns: 8 }).layout.width).toBe(8 * 40 * 2 + 44);
    expect(digitGrid({ images: many, labels, columns: 12 }).layout.width).toBeLessThanOrEqual(780 + 44);
  });

  it("names bad input", () => {
    expect(() => digitGrid({ images: [], labels: [] })).toThrow("digitGrid: images must hold at least one image, got none");
    expect(() => digitGrid({ images: [[1, 2]], labels: [0] })).toThrow("digitGrid: image 0 must hold 784 pixels (28×28), got 2");
    expect(() => digitGrid({ images, labels: [1] })).toThrow("digitGrid: labels must have one label per image, got 1 labels for 3 images");
  });
});
