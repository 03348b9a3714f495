// Lesson 000 "Trace a Gradient Backward": x = 2, w1 = 0.5, b1 = 0, w2 = 1.5, b2 = 0, y = 3, α = 0.1, L = (z2 − y)².
import { describe, expect, it } from "vitest";
import { add, mul, relu, sub, Tensor, tensor } from "../src/index";

const scalar = (v: number, label: string, requiresGrad = false) => tensor([[v]], { requiresGrad, label });

function forward(w1: Tensor, x: Tensor, b1: Tensor, w2: Tensor, b2: Tensor, y: Tensor) {
  const z1 = add(mul(w1, x), b1); // z1 = w1·x + b1
  const a1 = relu(z1); //             a1 = ReLU(z1)
  const z2 = add(mul(w2, a1), b2); // z2 = w2·a1 + b2
  const d = sub(z2, y);
  const L = mul(d, d); //             L = (z2 − y)²
  return { z1, a1, z2, L };
}

describe("lesson 000: trace a gradient backward", () => {
  const x = scalar(2, "x");
  const b1 = scalar(0, "b1");
  const w2 = scalar(1.5, "w2");
  const b2 = scalar(0, "b2");
  const y = scalar(3, "y");

  it("forward: z1 = 1, a1 = 1, z2 = 1.5, L = 2.25", () => {
    const { z1, a1, z2, L } = forward(scalar(0.5, "w1"), x, b1, w2, b2, y);
    expect([z1.item(), a1.item(), z2.item(), L.item()]).toEqual([1, 1, 1.5, 2.25]);
  });

  it("backward: dL/dz2 = 2(z2 − y) = −3 and dL/dw1 = −3 · w2 · 1 · x = −9", () => {
    const w1 = scalar(0.5, "w1", true);
    const { z2, L } = forward(w1, x, b1, w2, b2, y);
    L.backward();
    expect(z2.grad![0]).toBe(-3);
    expect(w1.grad![0]).toBe(-9);
    expect(2 * (z2.item() - 3) * 1.5 * 1 * 2).toBe(w1.grad![0]); // the chain of four local derivatives
  });

  it("update w1 ← w1 − α·dL/dw1 = 1.4; the new forward gives z2 = 4.2 and L = 1.44 (lower than 2.25)", () => {
    const w1 = scalar(0.5, "w1", true);
    forward(w1, x, b1, w2, b2, y).L.backward();
    const w1New = w1.item() - 0.1 * w1.grad![0];
    expect(w1New).toBeCloseTo(1.4, 15);
    const again = forward(scalar(w1New, "w1"), x, b1, w2, b2, y);
    expect(again.z2.item()).toBeCloseTo(4.2, 14);
    expect(again.L.item()).toBeCloseTo(1.44, 14);
    expect(again.L.item()).toBeLessThan(2.25);
  });
});
