// checkArray: what passes, and the feedback a wrong shape, transpose, sign or entry gets.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkArray, toGrid } from "./check-array";
import { recordDisplays, thrown } from "./test-helpers";

let shown: ReturnType<typeof recordDisplays>;
beforeEach(() => (shown = recordDisplays()));
afterEach(() => shown.stop());

const dW = [
  [1, 2, 3],
  [4, 5, 6],
];

describe("checkArray", () => {
  it("passes matrices, vectors, typed arrays and {shape, data} objects", () => {
    checkArray("dW", [[1, 2, 3], [4, 5, 6.0000000001]], dW);
    checkArray("db", new Float64Array([0.5, -1]), [0.5, -1]);
    checkArray("dW", { shape: [2, 3], data: new Float64Array([1, 2, 3, 4, 5, 6]) }, dW);
    expect(shown.bundles.map((b) => b["text/plain"])).toEqual([
      "✓ dW: all 6 entries match (shape [2, 3])",
      "✓ db: all 2 entries match (shape [2])",
      "✓ dW: all 6 entries match (shape [2, 3])",
    ]);
  });

  it("checks the shape first and recognises a transpose", () => {
    expect(thrown(() => checkArray("dW", [[1, 4], [2, 5], [3, 6]], dW)).message).toBe(
      "dW has shape [3, 2], expected [2, 3]. That is the transpose: swap the operands of the product, or transpose one of them.",
    );
    expect(thrown(() => checkArray("db", [1, 2, 3], [1, 2])).message).toBe("db has shape [3], expected [2]. Too many entries.");
    expect(thrown(() => checkArray("dW", [1, 2, 3, 4, 5, 6], dW)).message).toContain("Same number of entries, different layout");
  });

  it("names the worst entry, where it is, and how it is wrong", () => {
    const error = thrown(() => checkArray("dW", [[1, 2, 3], [4, 50, 6.5]], dW, { hint: "dW = xᵀ δ." }));
    expect(error.name).toBe("ExerciseError");
    expect(error.message).toBe("dW: 2 of 6 entries are wrong; the worst is dW[1][1] = 50, which is 10 times too big: an extra factor of 10?\nHint: dW = xᵀ δ.");
  });

  it("recognises whole-array sign flips, factors of 2 and transposes", () => {
    expect(thrown(() => checkArray("dW", [[-1, -2, -3], [-4, -5, -6]], dW)).message).toBe("dW: every entry has the wrong sign.");
    expect(thrown(() => checkArray("dW", [[2, 4, 6], [8, 10, 12]], dW)).message).toContain("twice the right value");
    expect(thrown(() => checkArray("dW", [[0.5, 1, 1.5], [2, 2.5, 3]], dW)).message).toContain("half the right value");
    expect(thrown(() => checkArray("W", [[1, 3], [2, 4]], [[1, 2], [3, 4]])).message).toContain("is the transpose of the answer");
  });

  it("gives a listed mistake's hint first", () => {
    const mistakes = [{ value: [[0, 0, 0], [4, 5, 6]], hint: "The ReLU gate zeroed the first row: check which z1 were positive." }];
    expect(thrown(() => checkArray("dW", [[0, 0, 0], [4, 5, 6]], dW, { mistakes })).message).toBe(
      "dW is not right. The ReLU gate zeroed the first row: check which z1 were positive.",
    );
  });

  it("knows a listed mistake of another shape before it complains about the shape", () => {
    const mistakes = [{ value: [5, 7, 9], hint: "Summed over the rows: keep one row per example." }];
    expect(thrown(() => checkArray("dW", [5, 7, 9], dW, { mistakes })).message).toBe("dW is not right. Summed over the rows: keep one row per example.");
    expect(thrown(() => checkArray("dW", [5, 7, 8], dW, { mistakes })).message).toBe("dW has shape [3], expected [2, 3].");
  });

  it("explains answers that are not arrays of finite numbers", () => {
    expect(thrown(() => checkArray("dW", undefined, dW)).message).toContain("dW is undefined");
    expect(thrown(() => checkArray("dW", 3, dW)).message).toBe("dW is the number 3; it should be an array.");
    expect(thrown(() => checkArray("dW", [[1, 2, 3], [4, NaN, 6]], dW)).message).toContain("dW[1][1] is NaN");
    expect(thrown(() => checkArray("dW", [[1, 2, 3], [4, 5]], dW)).message).toContain("ragged");
    expect(thrown(() => checkArray("db", [1, "2"], [1, 2])).message).toContain("db[1] is not a number");
  });

  it("reads shapes into row-major grids", () => {
    expect(toGrid("x", [[1, 2], [3, 4]])).toEqual({ shape: [2, 2], values: [1, 2, 3, 4] });
    expect(toGrid("x", [])).toEqual({ shape: [0], values: [] });
  });
});
