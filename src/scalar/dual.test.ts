/** Dual: forward-mode derivatives agree with hand rules, with reverse mode (Value), and refuse bad input. */

import { describe, expect, it } from "vitest";
import { Dual, derivative } from "./dual";
import { Value } from "./value";

describe("Dual numbers carry the derivative forward", () => {
  it("d/dx x² at 3 is 6, and the value rides along", () => {
    const y = Dual.variable(3).mul(Dual.variable(3));
    expect([y.value, y.derivative]).toEqual([9, 6]);
    expect(derivative((x) => x.pow(2), 3)).toBe(6);
  });

  const cases: { name: string; f: (x: Dual) => Dual; x: number; slope: number }[] = [
    { name: "add", f: (x) => x.add(4), x: 1, slope: 1 },
    { name: "sub", f: (x) => new Dual(10).sub(x), x: 1, slope: -1 },
    { name: "mul", f: (x) => x.mul(5), x: 1, slope: 5 },
    { name: "div", f: (x) => new Dual(1).div(x), x: 2, slope: -0.25 },
    { name: "pow", f: (x) => x.pow(3), x: 2, slope: 12 },
    { name: "neg", f: (x) => x.neg(), x: 2, slope: -1 },
    { name: "exp", f: (x) => x.exp(), x: 0, slope: 1 },
    { name: "log", f: (x) => x.log(), x: 4, slope: 0.25 },
    { name: "tanh", f: (x) => x.tanh(), x: 0, slope: 1 },
    { name: "sigmoid", f: (x) => x.sigmoid(), x: 0, slope: 0.25 },
    { name: "relu positive", f: (x) => x.relu(), x: 2, slope: 1 },
    { name: "relu negative", f: (x) => x.relu(), x: -2, slope: 0 },
  ];
  for (const { name, f, x, slope } of cases) {
    it(`${name}: derivative by hand`, () => {
      expect(derivative(f, x)).toBeCloseTo(slope, 14);
    });
  }

  it("forward mode (Dual) and reverse mode (Value) agree on a composite function", () => {
    const x0 = 0.7;
    const fd = derivative((x) => x.mul(2).add(1).tanh().mul(x.exp()).div(x.pow(2).add(1)).log(), x0);
    const v = new Value(x0);
    v.mul(2).add(1).tanh().mul(v.exp()).div(v.pow(2).add(1)).log().backward();
    expect(fd).toBeCloseTo(v.grad, 14);
  });

  it("a constant function has derivative 0", () => {
    expect(derivative(() => 3, 1)).toBe(0);
  });
});

describe("Dual rejects bad input, naming the op", () => {
  it("non-finite parts, log of non-positive, division by zero, bad pow", () => {
    expect(() => new Dual(NaN)).toThrow("Dual: value must be a finite number, got NaN");
    expect(() => Dual.variable(-1).log()).toThrow("log: input must be > 0, got -1");
    expect(() => Dual.variable(1).div(0)).toThrow("div: divisor must be non-zero, got 0 (dividing 1)");
    expect(() => Dual.variable(-8).pow(1 / 3)).toThrow("pow: a negative base needs an integer exponent, got base -8");
    expect(() => Dual.variable(0).pow(0.5)).toThrow("pow: derivative must be finite, got Infinity at value 0");
    expect(() => Dual.variable(1000).exp()).toThrow("exp: value must be finite, got Infinity");
    expect(() => derivative((x) => x, Infinity)).toThrow("derivative: x must be a finite number, got Infinity");
    expect(() => Dual.variable(1).add(NaN)).toThrow("add: operand must be a Dual or a finite number, got NaN");
  });
});
