// Optimizers and schedules: SGD, clipGradNorm, cosineSchedule.
import { describe, expect, it } from "vitest";
import { tensor } from "../tensor/tensor";
import { cosineSchedule } from "./schedule";
import { clipGradNorm, SGD } from "./sgd";

const withGrad = (values: number[], grad: number[]) => {
  const p = tensor([values], { requiresGrad: true });
  p.grad = Float64Array.from(grad);
  return p;
};

describe("SGD", () => {
  it("takes one plain step by hand: p − lr·g", () => {
    const p = withGrad([1, 2, 3], [0, 2, 4]);
    new SGD([p], { lr: 0.11 }).step();
    [1, 1.78, 2.56].forEach((v, i) => expect(p.data[i]).toBeCloseTo(v, 15));
  });
  it("follows torch.optim.SGD with momentum, dampening 0: v = μv + g, p −= lr·v", () => {
    const p = withGrad([1], [0.5]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    opt.step(); // v = 0.5, p = 0.95
    expect(p.data[0]).toBeCloseTo(0.95, 15);
    opt.step(); // v = 0.9·0.5 + 0.5 = 0.95, p = 0.95 − 0.095
    expect(p.data[0]).toBeCloseTo(0.855, 15);
  });
  it("adds weight decay to the gradient and looks ahead with Nesterov", () => {
    const p = withGrad([2], [0]);
    new SGD([p], { lr: 0.5, weightDecay: 0.1 }).step(); // g = 0.2
    expect(p.data[0]).toBeCloseTo(1.9, 15);
    const q = withGrad([1], [1]);
    const opt = new SGD([q], { lr: 0.1, momentum: 0.5, nesterov: true });
    opt.step(); // v = 1, step g + μv = 1.5
    expect(q.data[0]).toBeCloseTo(0.85, 15);
    opt.step(); // v = 0.5 + 1 = 1.5, step 1 + 0.75 = 1.75
    expect(q.data[0]).toBeCloseTo(0.675, 15);
  });
  it("rejects bad settings with the value that came", () => {
    expect(() => new SGD([], { lr: -1 })).toThrow("SGD: lr must be a finite number >= 0, got -1");
    expect(() => new SGD([], { lr: 0.1, nesterov: true })).toThrow("SGD: nesterov needs momentum > 0 and dampening 0, got momentum 0 and dampening 0");
    expect(() => new SGD([3 as never], { lr: 0.1 })).toThrow("SGD: params must be Tensors, got number at position 0");
  });
  it("zeroGrad zeros the gradients", () => {
    const p = withGrad([1], [3]);
    new SGD([p], { lr: 1 }).zeroGrad();
    expect(p.grad![0]).toBe(0);
  });
});

describe("clipGradNorm", () => {
  it("returns the total norm and rescales to maxNorm only when above it", () => {
    const a = withGrad([0], [3]);
    const b = withGrad([0], [4]);
    expect(clipGradNorm([a, b], 1)).toBeCloseTo(5, 15);
    expect(a.grad![0]).toBeCloseTo(0.6, 6);
    expect(b.grad![0]).toBeCloseTo(0.8, 6);
    expect(clipGradNorm([a, b], 10)).toBeCloseTo(1, 5);
    expect(a.grad![0]).toBeCloseTo(0.6, 6);
  });
  it("refuses a non-finite gradient and a bad maxNorm", () => {
    const a = withGrad([0], [NaN]);
    a.label = "W1";
    expect(() => clipGradNorm([withGrad([0], [1]), a], 1)).toThrow("clipGradNorm: gradients must be finite, got a non-finite value in parameter 1 (W1)");
    expect(() => clipGradNorm([], 0)).toThrow("clipGradNorm: maxNorm must be > 0, got 0");
  });
});

describe("cosineSchedule", () => {
  it("starts at lr, passes the midpoint at the average, and ends near minLr", () => {
    const s = cosineSchedule({ lr: 1, minLr: 0.1 });
    expect(s(1, 100)).toBe(1);
    expect(s(51, 100)).toBeCloseTo(0.55, 12); // (51 − 1) / 100 = half way
    expect(s(100, 100)).toBeCloseTo(0.1 + 0.45 * (1 + Math.cos((Math.PI * 99) / 100)), 12);
  });
  it("warms up linearly first", () => {
    const s = cosineSchedule({ lr: 0.4, warmupSteps: 4 });
    expect([1, 2, 3, 4].map((t) => s(t, 20))).toEqual([0.1, 0.2, 0.30000000000000004, 0.4]);
    expect(s(5, 20)).toBe(0.4);
  });
  it("rejects minLr above lr", () => {
    expect(() => cosineSchedule({ lr: 0.1, minLr: 1 })).toThrow("cosineSchedule: need 0 <= minLr <= lr, got lr 0.1 and minLr 1");
  });
});
