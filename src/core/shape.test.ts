// matmulShape: the one shape check Matrix and Tensor matmul share, in every transpose variant.
import { describe, expect, it } from "vitest";
import { matmulShape, ShapeError } from "./shape";

describe("matmulShape", () => {
  it("reads a stored transpose as its transpose: [n, k] @ [k, m] → [n, k, m]", () => {
    expect(matmulShape("matmul", [2, 3], [3, 4], false, false)).toEqual([2, 3, 4]);
    expect(matmulShape("matmul", [3, 2], [3, 4], true, false)).toEqual([2, 3, 4]);
    expect(matmulShape("matmul", [2, 3], [4, 3], false, true)).toEqual([2, 3, 4]);
    expect(matmulShape("matmul", [3, 2], [4, 3], true, true)).toEqual([2, 3, 4]);
  });

  it("names the op and each operand as it was read when the inner sizes differ", () => {
    expect(() => matmulShape("matmul", [2, 3], [4, 2], false, false)).toThrow("matmul: inner dimensions must match, got a [2, 3] and b [4, 2]");
    expect(() => matmulShape("mm", [2, 3], [2, 3], true, true)).toThrow("mm: inner dimensions must match, got aᵀ [3, 2] and bᵀ [3, 2]");
    expect(() => matmulShape("matmul", [2, 3], [2, 3], false, false)).toThrow(ShapeError);
  });

  it("rejects operands that are not 2-D before comparing sizes", () => {
    expect(() => matmulShape("matmul", [2, 3, 1], [3, 4], false, false)).toThrow("matmul: a must be 2-D with whole sizes, got a [2, 3, 1]");
  });
});
