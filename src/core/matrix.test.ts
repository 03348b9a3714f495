// Matrix: shape checks and their messages, elementwise and reducing ops, matmul in every transpose variant, printing.
import { describe, expect, it } from "vitest";
import { matmul, Matrix } from "./matrix";
import { broadcastShapes, formatShape, ShapeError } from "./shape";

const m = Matrix.from([[1, 2, 3], [4, 5, 6]]);

describe("shapes", () => {
  it("format as [2, 3] and broadcast rows, columns and scalars", () => {
    expect(formatShape([2, 3])).toBe("[2, 3]");
    expect(broadcastShapes("add", [2, 3], [1, 3])).toEqual([2, 3]);
    expect(broadcastShapes("add", [2, 1], [1, 3])).toEqual([2, 3]);
    expect(broadcastShapes("add", [1, 1], [4, 5])).toEqual([4, 5]);
    expect(() => broadcastShapes("add", [2, 3], [2])).toThrow("add: b must be 2-D with whole sizes, got b [2]");
  });
});

describe("Matrix", () => {
  it("is row-major and round-trips through arrays", () => {
    expect(m.shape).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 2)).toBe(6);
    expect(m.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(m.row(1)).toEqual([4, 5, 6]);
    expect(Matrix.from([1, 2]).shape).toEqual([1, 2]);
    expect(String(Matrix.from([[1.5, 2]]))).toBe("Matrix [1, 2]\n[[1.5, 2]]");
  });
  it("rejects data that does not fit, ragged rows and indices outside", () => {
    expect(() => new Matrix(2, 2, [1, 2, 3])).toThrow(ShapeError);
    expect(() => new Matrix(2, 2, [1, 2, 3])).toThrow("Matrix: data of shape [2, 2] needs 4 values, got 3");
    expect(() => Matrix.from([[1, 2], [3]])).toThrow("Matrix.from: every row must have 2 values like row 0, got 1 in row 1");
    expect(() => m.get(2, 0)).toThrow("get: index must lie inside [2, 3], got [2, 0]");
    expect(() => new Matrix(-1, 2)).toThrow("Matrix: shape must be 2-D with whole sizes, got shape [-1, 2]");
  });
  it("adds, subtracts, multiplies and divides with row, column and scalar broadcasting", () => {
    expect(m.add(Matrix.from([[10, 20, 30]])).toArray()).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(m.sub(Matrix.from([[1], [4]])).toArray()).toEqual([[0, 1, 2], [0, 1, 2]]);
    expect(m.mul(2).toArray()).toEqual([[2, 4, 6], [8, 10, 12]]);
    expect(m.div(Matrix.from([[1, 2, 3]])).toArray()).toEqual([[1, 1, 1], [4, 2.5, 2]]);
    expect(m.neg().get(0, 0)).toBe(-1);
    expect(m.map((v) => v * v).row(0)).toEqual([1, 4, 9]);
  });
  it("names both shapes when they cannot broadcast, and refuses division by zero", () => {
    expect(() => m.add(Matrix.zeros(3, 2))).toThrow("add: shapes must match or be 1 on each axis to broadcast, got a [2, 3] and b [3, 2]");
    expect(() => m.div(Matrix.from([[1, 0, 1]]))).toThrow("div: divisor must be non-zero, got 0 at [0, 1] of b [1, 3]");
  });
  it("reduces over everything or along an axis", () => {
    expect(m.sum()).toBe(21);
    expect(m.sum(0).toArray()).toEqual([[5, 7, 9]]);
    expect(m.sum(1).toArray()).toEqual([[6], [15]]);
    expect(m.mean()).toBe(3.5);
    expect(m.mean(0).toArray()).toEqual([[2.5, 3.5, 4.5]]);
    expect(m.max()).toBe(6);
    expect(m.max(1).toArray()).toEqual([[3], [6]]);
    expect(Matrix.from([[1, 9, 9], [7, 2, 0]]).argmax()).toEqual([1, 0]);
    expect(Matrix.from([[1, 9, 9], [7, 2, 0]]).argmax(0)).toEqual([1, 0, 0]);
    expect(() => Matrix.zeros(0, 3).mean()).toThrow("mean: needs at least one value, got [0, 3]");
    expect(() => m.sum(2 as 0)).toThrow("sum: axis must be 0 or 1, got 2");
  });
  it("multiplies in every transpose variant without materializing a transpose", () => {
    const a = Matrix.from([[1, 2, 3], [4, 5, 6]]);
    const b = Matrix.from([[7, 8], [9, 10], [11, 12]]);
    expect(a.matmul(b).toArray()).toEqual([[58, 64], [139, 154]]);
    expect(matmul(a.T, b, { transA: true }).toArray()).toEqual([[58, 64], [139, 154]]);
    expect(matmul(a, b.T, { transB: true }).toArray()).toEqual([[58, 64], [139, 154]]);
    expect(matmul(a.T, b.T, { transA: true, transB: true }).toArray()).toEqual([[58, 64], [139, 154]]);
    const into = Matrix.ones(2, 2);
    matmul(a, b, { into, accumulate: true });
    expect(into.toArray()).toEqual([[59, 65], [140, 155]]);
  });
  it("names the inner dimensions when they do not match", () => {
    expect(() => matmul(Matrix.zeros(2, 3), Matrix.zeros(4, 2))).toThrow("matmul: inner dimensions must match, got a [2, 3] and b [4, 2]");
    expect(() => matmul(Matrix.zeros(2, 3), Matrix.zeros(2, 3), { transB: true, into: Matrix.zeros(3, 3) })).toThrow(
      "matmul: into must have the result's shape [2, 2], got into [3, 3]",
    );
  });
});

describe("printing", () => {
  it("shows 6 significant digits and cuts long axes to their ends like numpy", () => {
    expect(String(Matrix.from([[1, 1 / 3]]))).toBe("Matrix [1, 2]\n[[1, 0.333333]]");
    const big = new Matrix(12, 12, Array.from({ length: 144 }, (_, i) => i));
    const lines = String(big).split("\n");
    expect(lines).toHaveLength(1 + 7);
    expect(lines[1]).toBe("[[0, 1, 2, …, 9, 10, 11],");
    expect(lines[4]).toBe(" …,");
  });
});
