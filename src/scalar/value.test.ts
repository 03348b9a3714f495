/** Value: micrograd's README numbers, every op's forward and gradient, accumulation, graphs, errors. */

import { describe, expect, it } from "vitest";
import { microgradReadme } from "../../test/helpers/micrograd-readme";
import { Value, exportGraph, topoSort } from "./value";

/** Central difference of a one-input Value function, for checking each op's backward. */
function numericSlope(f: (x: Value) => Value, x: number, h = 1e-6): number {
  return (f(new Value(x + h)).data - f(new Value(x - h)).data) / (2 * h);
}

function analyticSlope(f: (x: Value) => Value, x: number): number {
  const v = new Value(x);
  f(v).backward();
  return v.grad;
}

describe("Value reproduces micrograd's README", () => {
  it("g.data = 24.7041, a.grad = 138.8338, b.grad = 645.5773", () => {
    const a = new Value(-4.0, "a");
    const b = new Value(2.0, "b");
    const g = microgradReadme(a, b);
    expect(g.data.toFixed(4)).toBe("24.7041");
    g.backward();
    expect(a.grad.toFixed(4)).toBe("138.8338");
    expect(b.grad.toFixed(4)).toBe("645.5773");
  });
});

describe("Value ops: forward values by hand and gradients against central differences", () => {
  const cases: { name: string; f: (x: Value) => Value; x: number; value: number }[] = [
    { name: "add", f: (x) => x.add(3), x: 2, value: 5 },
    { name: "sub", f: (x) => x.sub(3), x: 2, value: -1 },
    { name: "mul", f: (x) => x.mul(x).mul(3), x: 2, value: 12 },
    { name: "div", f: (x) => new Value(1).div(x), x: 4, value: 0.25 },
    { name: "pow", f: (x) => x.pow(3), x: -2, value: -8 },
    { name: "pow fractional", f: (x) => x.pow(0.5), x: 9, value: 3 },
    { name: "neg", f: (x) => x.neg(), x: 2, value: -2 },
    { name: "exp", f: (x) => x.exp(), x: 0, value: 1 },
    { name: "log", f: (x) => x.log(), x: Math.E, value: 1 },
    { name: "tanh", f: (x) => x.tanh(), x: 0, value: 0 },
    { name: "sigmoid", f: (x) => x.sigmoid(), x: 0, value: 0.5 },
    { name: "relu positive", f: (x) => x.relu(), x: 1.5, value: 1.5 },
    { name: "relu negative", f: (x) => x.relu(), x: -1.5, value: 0 },
    { name: "a composite", f: (x) => x.mul(2).add(1).tanh().mul(x.exp()).div(x.pow(2).add(1)), x: 0.3, value: Math.tanh(1.6) * Math.exp(0.3) / 1.09 },
  ];
  for (const { name, f, x, value } of cases) {
    it(`${name}: forward value and gradient match`, () => {
      expect(f(new Value(x)).data).toBeCloseTo(value, 12);
      const a = analyticSlope(f, x);
      const n = numericSlope(f, x);
      expect(Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n))).toBeLessThan(1e-7);
    });
  }

  it("sigmoid stays exact and finite for large inputs", () => {
    expect(new Value(-800).sigmoid().data).toBe(0);
    expect(new Value(800).sigmoid().data).toBe(1);
  });

  it("a node used twice receives both gradients (gradients add at forks)", () => {
    const a = new Value(3);
    const b = a.add(a);
    b.backward();
    expect(a.grad).toBe(2);
  });
});

describe("Value backward: accumulation, zeroGrad, deep graphs", () => {
  it("backward twice doubles the leaves' gradients; zeroGrad resets the whole graph", () => {
    const x = new Value(2, "x");
    const w = new Value(-3, "w");
    const h = x.mul(w);
    const y = h.tanh();
    y.backward();
    const dx = x.grad;
    expect(dx).toBeCloseTo(-3 * (1 - Math.tanh(-6) ** 2), 15);
    y.backward();
    expect(x.grad).toBeCloseTo(2 * dx, 15);
    expect(h.grad).toBeCloseTo(1 - Math.tanh(-6) ** 2, 15); // intermediates hold this pass only
    y.zeroGrad();
    expect([x.grad, w.grad, h.grad, y.grad]).toEqual([0, 0, 0, 0]);
  });

  it("a 100,000-node chain runs backward without a stack overflow", () => {
    const x = new Value(1, "x");
    const c = new Value(1.00001, "c");
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(c);
    y.backward();
    expect(topoSort(y)).toHaveLength(100_002);
    expect(x.grad).toBeCloseTo(1.00001 ** 100_000, 6); // d cⁿx/dx = cⁿ
    expect(c.grad).toBeCloseTo(100_000 * 1.00001 ** 99_999, 4); // d cⁿx/dc = n cⁿ⁻¹ x
  });

  it("backwardStep applies one node's local chain rule, as the lecture does by hand", () => {
    const a = new Value(2);
    const b = new Value(5);
    const c = a.mul(b);
    c.grad = 1;
    c.backwardStep();
    expect([a.grad, b.grad]).toEqual([5, 2]);
  });
});

describe("Value graph export", () => {
  it("lists nodes with op, data, grad and label, and edges child → result", () => {
    const x = new Value(2, "x");
    const y = x.mul(2).add(1).relu();
    y.label = "y";
    y.backward();
    const g = exportGraph(y);
    expect(g.nodes.map((n) => n.op)).toEqual(["", "", "*", "", "+", "relu"]);
    expect(g.nodes[0]).toEqual({ id: "n0", label: "x", op: "", data: 2, grad: 2 });
    expect(g.nodes[5]).toEqual({ id: "n5", label: "y", op: "relu", data: 5, grad: 1 });
    expect(g.edges).toEqual([
      { from: "n0", to: "n2" },
      { from: "n1", to: "n2" },
      { from: "n2", to: "n4" },
      { from: "n3", to: "n4" },
      { from: "n4", to: "n5" },
    ]);
    expect(y.graph()).toEqual(g);
  });

  it("prints like micrograd's repr", () => {
    expect(String(new Value(2, "a"))).toBe("Value(label=a, data=2, grad=0)");
  });
});

describe("Value rejects bad input, naming the op and what came", () => {
  it("non-finite data", () => {
    expect(() => new Value(NaN)).toThrow("Value: data must be a finite number, got NaN");
    expect(() => new Value(Infinity, "w")).toThrow('Value: data must be a finite number, got Infinity for "w"');
    expect(() => new Value(1).add(NaN)).toThrow("add: operand must be a Value or a finite number, got NaN");
    expect(() => new Value(1).mul("2" as unknown as number)).toThrow('mul: operand must be a Value or a finite number, got "2"');
  });

  it("log of a non-positive number", () => {
    expect(() => new Value(-1, "z").log()).toThrow("log: input must be > 0, got z = -1");
    expect(() => new Value(0).log()).toThrow("log: input must be > 0, got 0");
  });

  it("pow of a negative base with a fractional exponent, and 0 to a negative power", () => {
    expect(() => new Value(-2).pow(0.5)).toThrow("pow: a negative base needs an integer exponent, got base -2 and exponent 0.5");
    expect(() => new Value(0).pow(-1)).toThrow("pow: base 0 with negative exponent -1 is infinite");
    expect(() => new Value(2).pow(NaN)).toThrow("pow: exponent must be a finite number, got NaN");
  });

  it("division by zero", () => {
    expect(() => new Value(3, "a").div(new Value(0, "b"))).toThrow("div: divisor must be non-zero, got b = 0 (dividing a = 3)");
  });

  it("overflow to Infinity", () => {
    expect(() => new Value(1000).exp()).toThrow("exp: result must be finite, got Infinity from 1000");
    expect(() => new Value(1e200).mul(1e200)).toThrow("mul: result must be finite, got Infinity from 1e+200 and 1e+200");
  });
});
