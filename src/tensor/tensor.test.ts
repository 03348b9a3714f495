// Tensor: construction, and the autograd engine (chain rule, accumulation, no-grad, deep graphs, gradient size checks).
import { describe, expect, it } from "vitest";
import { ShapeError } from "../core/shape";
import { relu, tanh } from "./activations";
import { add, mul } from "./arithmetic";
import { matmul } from "./matmul";
import { sum } from "./reduce";
import { noGrad, Tensor, tensor } from "./tensor";

describe("Tensor", () => {
  it("stores rows row-major and reports its shape", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]], { label: "x" });
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.get(1, 0)).toBe(4);
    expect(t.label).toBe("x");
    expect(String(t)).toContain("Tensor [2, 3]");
  });
  it("draws randn from a seeded generator, and makes zeros, ones and constants", () => {
    const r = { randn: (...shape: number[]) => Float64Array.from({ length: shape[0] * shape[1] }, (_, i) => i) };
    expect(Tensor.randn(2, 2, r, { requiresGrad: true }).toArray()).toEqual([[0, 1], [2, 3]]);
    expect(Tensor.ones(1, 2).toArray()).toEqual([[1, 1]]);
    expect(Tensor.full(2, 1, 7).toArray()).toEqual([[7], [7]]);
    expect(Tensor.zeros(1, 3).size).toBe(3);
  });
  it("rejects data that does not fit its shape, and ragged rows", () => {
    expect(() => new Tensor([1, 2, 3], [2, 2])).toThrow("Tensor: data of shape [2, 2] needs 4 values, got 3");
    expect(() => new Tensor([1, 2], [2])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow("tensor: every row must have 2 values like row 0, got 1 in row 1");
  });
  it("backward through a small graph gives the chain-rule values", () => {
    // L = Σ (x w)  with x [1, 2], w [2, 1]:  dL/dw = xᵀ, dL/dx = wᵀ
    const x = tensor([[2, 3]], { requiresGrad: true });
    const w = tensor([[4], [5]], { requiresGrad: true });
    const L = sum(matmul(x, w));
    expect(L.item()).toBe(23);
    L.backward();
    expect(Array.from(w.grad!)).toEqual([2, 3]);
    expect(Array.from(x.grad!)).toEqual([4, 5]);
  });
  it("accumulates into a tensor used twice, and across backward calls until zeroGrad", () => {
    const a = tensor([[3]], { requiresGrad: true });
    const y = mul(a, a); // dy/da = 2a = 6
    y.backward();
    expect(a.grad![0]).toBe(6);
    mul(a, a).backward();
    expect(a.grad![0]).toBe(12);
    a.zeroGrad();
    expect(a.grad![0]).toBe(0);
    add(a, a).backward();
    expect(a.grad![0]).toBe(2);
  });
  it("does not alias gradients of two inputs that got the same dOut", () => {
    const a = tensor([[1]], { requiresGrad: true });
    const b = tensor([[1]], { requiresGrad: true });
    const s = add(a, b);
    mul(s, add(a, 0)).backward(); // a gets dOut twice, b once
    expect(b.grad![0]).toBe(1);
    expect(a.grad![0]).toBe(3);
  });
  it("computes no gradient for inputs that do not require one", () => {
    const x = tensor([[1, 2]]);
    const w = tensor([[1], [1]], { requiresGrad: true });
    sum(matmul(x, w)).backward();
    expect(x.grad).toBeNull();
  });
  it("runs backward through a 100,000-op chain without a recursion limit", () => {
    const x = tensor([[0.5]], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = add(y, 0);
    y.backward();
    expect(x.grad![0]).toBe(1);
  });
  it("noGrad and detach record nothing", () => {
    const w = tensor([[2]], { requiresGrad: true });
    const y = noGrad(() => tanh(mul(w, 3)));
    expect(y.requiresGrad).toBe(false);
    expect(y.inputs).toHaveLength(0);
    const d = relu(w).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.data[0]).toBe(2);
    expect(() => y.backward()).toThrow("backward: this tensor does not require grad");
  });
  it("backward needs a single value or an explicit dOut of the right size", () => {
    const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const y = mul(w, 2);
    expect(() => y.backward()).toThrow("backward: start from a single-element tensor or pass dOut, got shape [2, 2]");
    expect(() => y.backward([1, 2, 3])).toThrow("backward: dOut must have 4 values for shape [2, 2], got 3");
    y.backward([1, 1, 1, 1]);
    expect(Array.from(w.grad!)).toEqual([2, 2, 2, 2]);
  });
  it("the engine checks every gradient's size and names the op", () => {
    const x = tensor([[1, 2]], { requiresGrad: true });
    const bad = Tensor.fromOp(Float64Array.of(3), [1, 1], "badSum", [x], () => [Float64Array.of(1)]);
    expect(() => bad.backward()).toThrow("badSum backward: gradient for input 0 has 1 values, expected 2 for shape [1, 2]");
  });
});
