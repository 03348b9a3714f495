// Tensor ops: matmul, broadcasting arithmetic, sum and mean; forward values, gradient checks, errors.
import { describe, expect, it } from "vitest";
import { maxGradError, param } from "../../test/helpers/central-difference";
import { ShapeError } from "../core/shape";
import { add, div, mul, neg, sub } from "./arithmetic";
import { matmul } from "./matmul";
import { mean, sum } from "./reduce";
import { Tensor, tensor } from "./tensor";

const close = (a: ArrayLike<number>, b: number[], digits = 12) => b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, digits));

describe("matmul", () => {
  it("multiplies [2, 3] @ [3, 2] by hand", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const b = tensor([[7, 8], [9, 10], [11, 12]]);
    const c = matmul(a, b);
    expect(c.shape).toEqual([2, 2]);
    close(c.data, [58, 64, 139, 154]);
  });
  it("reads transposed operands in every variant", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]); // used as aᵀ [3, 2]
    const b = tensor([[1, 0, 2], [0, 1, 3]]); // used as bᵀ [3, 2]
    close(matmul(a, b, { transA: true }).data, [1, 4, 14, 2, 5, 19, 3, 6, 24]); // aᵀ [3,2] @ b [2,3]
    close(matmul(a, b, { transB: true }).data, [7, 11, 16, 23]); // a [2,3] @ bᵀ [3,2]
    const b2 = tensor([[1, 0], [0, 1], [2, 3]]); // used as b2ᵀ [2, 3], equal to b
    close(matmul(a, b2, { transA: true, transB: true }).data, [1, 4, 14, 2, 5, 19, 3, 6, 24]); // aᵀ [3,2] @ b2ᵀ [2,3]
  });
  for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]]) {
    it(`gradient matches finite differences (transA ${tA}, transB ${tB})`, () => {
      const a = tA ? param(4, 3, 1) : param(3, 4, 1);
      const b = tB ? param(5, 4, 2) : param(4, 5, 2);
      expect(maxGradError((x, y) => matmul(x, y, { transA: tA, transB: tB }), [a, b])).toBeLessThan(1e-7);
    });
  }
  it("throws a ShapeError naming both shapes", () => {
    expect(() => matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 2))).toThrow(ShapeError);
    expect(() => matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 2))).toThrow("matmul: inner dimensions must match, got a [2, 3] and b [4, 2]");
    expect(() => matmul(Tensor.zeros(2, 3), Tensor.zeros(2, 3), { transB: true, transA: true })).toThrow("got aᵀ [3, 2] and bᵀ [3, 2]");
  });
});

describe("add, sub, mul, div with broadcasting", () => {
  it("broadcasts a row, a column and a scalar", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    close(add(x, tensor([[10, 20, 30]])).data, [11, 22, 33, 14, 25, 36]);
    close(sub(x, tensor([[1], [2]])).data, [0, 1, 2, 2, 3, 4]);
    close(mul(x, 2).data, [2, 4, 6, 8, 10, 12]);
    close(div(x, tensor([[1], [2]])).data, [1, 2, 3, 2, 2.5, 3]);
    close(neg(x).data, [-1, -2, -3, -4, -5, -6]);
    expect(add(tensor([[1], [2]]), tensor([[10, 20]])).toArray()).toEqual([[11, 21], [12, 22]]);
  });
  const shapes: [number, number][][] = [[[3, 4], [3, 4]], [[3, 4], [1, 4]], [[3, 4], [3, 1]], [[1, 4], [3, 1]], [[3, 4], [1, 1]]];
  for (const [op, f] of [["add", add], ["sub", sub], ["mul", mul], ["div", div]] as const) {
    for (const [sa, sb] of shapes) {
      it(`${op} gradient matches finite differences for a [${sa}] and b [${sb}]`, () => {
        const a = param(sa[0], sa[1], 3);
        const b = param(sb[0], sb[1], 4, op === "div" ? 2 : 0); // keep divisors away from 0
        expect(maxGradError((x, y) => f(x, y), [a, b])).toBeLessThan(1e-7);
      });
    }
  }
  it("neg gradient matches finite differences", () => {
    expect(maxGradError((x) => neg(x), [param(2, 3, 5)])).toBeLessThan(1e-7);
  });
  it("throws a ShapeError naming both shapes when they cannot broadcast", () => {
    expect(() => add(Tensor.zeros(2, 3), Tensor.zeros(3, 2))).toThrow(
      "add: shapes must match or be 1 on each axis to broadcast, got a [2, 3] and b [3, 2]",
    );
  });
  it("div refuses a zero divisor instead of making Infinity", () => {
    expect(() => div(tensor([[1, 2]]), tensor([[1, 0]]))).toThrow("div: divisor b must be non-zero, got 0 at [0, 1] of b [1, 2]");
  });
});

describe("sum and mean", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  it("reduce everything or along an axis", () => {
    expect(sum(x).item()).toBe(21);
    expect(sum(x, 0).toArray()).toEqual([[5, 7, 9]]);
    expect(sum(x, 1).toArray()).toEqual([[6], [15]]);
    expect(mean(x).item()).toBe(3.5);
    expect(mean(x, 0).toArray()).toEqual([[2.5, 3.5, 4.5]]);
    expect(mean(x, 1).toArray()).toEqual([[2], [5]]);
  });
  for (const axis of [undefined, 0, 1] as const) {
    it(`gradients match finite differences (axis ${axis})`, () => {
      expect(maxGradError((t) => sum(t, axis), [param(3, 4, 6)])).toBeLessThan(1e-7);
      expect(maxGradError((t) => mean(t, axis), [param(3, 4, 6)])).toBeLessThan(1e-7);
    });
  }
  it("mean of an empty tensor throws naming the shape", () => {
    expect(() => mean(Tensor.zeros(0, 3), 0)).toThrow("mean: x must have at least one value along the axis, got x [0, 3]");
    expect(() => sum(x, 2 as 0)).toThrow("sum: axis must be 0, 1 or omitted, got 2");
  });
});
