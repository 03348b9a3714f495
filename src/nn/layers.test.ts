// Layers: Linear, initializers, activation modules, Sequential, Residual, BatchNorm1d; forward values, gradients, errors.
import { describe, expect, it } from "vitest";
import { maxGradError } from "../../test/helpers/central-difference";
import { NumpyRandom } from "../core/random";
import { ShapeError } from "../core/shape";
import { sum } from "../tensor/reduce";
import { Tensor, tensor } from "../tensor/tensor";
import { ReLU, Sigmoid, Tanh } from "./activations";
import { BatchNorm1d } from "./batchnorm";
import { heNormal, heUniform, scaledNormal, pytorchUniform, xavierNormal, xavierUniform } from "./init";
import { Linear } from "./linear";
import { Residual, Sequential } from "./sequential";

const rng = () => new NumpyRandom(0);
const inputs = (r: number, c: number, seed = 5) => new Tensor(new NumpyRandom(seed).randn(r, c), [r, c]);

describe("Linear", () => {
  it("computes x W + b by hand", () => {
    const layer = new Linear(2, 3, rng()).setWeights([[1, 2, 3], [4, 5, 6]], [0.5, 0, -1]);
    expect(layer.forward(tensor([[1, 1]])).toArray()).toEqual([[5.5, 7, 8]]);
  });
  it("draws PyTorch's default U(−1/√in, 1/√in) for W and then b from the given NumpyRandom", () => {
    const layer = new Linear(3, 4, new NumpyRandom(42));
    const r = new NumpyRandom(42);
    const bound = 1 / Math.sqrt(3);
    expect(Array.from(layer.weight.data)).toEqual(Array.from(r.uniform(-bound, bound, 3, 4)));
    expect(Array.from(layer.bias!.data)).toEqual(Array.from(r.uniform(-bound, bound, 1, 4)));
  });
  it("parameter gradients match finite differences", () => {
    const layer = new Linear(4, 3, rng());
    const x = inputs(5, 4);
    expect(maxGradError(() => layer.forward(x), layer.parameters())).toBeLessThan(1e-7);
  });
  it("throws naming the expected features and what came", () => {
    const layer = new Linear(4, 3, rng());
    expect(() => layer.forward(Tensor.zeros(2, 5))).toThrow(ShapeError);
    expect(() => layer.forward(Tensor.zeros(2, 5))).toThrow("Linear: x must have 4 features (columns), got x [2, 5]");
    expect(() => new Linear(0, 3, rng())).toThrow("Linear: inFeatures must be a positive integer, got 0");
    expect(() => layer.setWeights([[1, 2]])).toThrow("Linear.setWeights: weight must be [4, 3], got [1, 2]");
  });
});

describe("initializers", () => {
  it("draw from the documented ranges and scales, reproducibly", () => {
    const fanIn = 200;
    const fanOut = 100;
    const sd = (w: Float64Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    const maxAbs = (w: Float64Array) => w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxAbs(xavierUniform()(rng(), fanIn, fanOut))).toBeLessThanOrEqual(Math.sqrt(6 / 300));
    expect(sd(xavierNormal()(rng(), fanIn, fanOut))).toBeCloseTo(Math.sqrt(2 / 300), 2);
    expect(sd(heNormal()(rng(), fanIn, fanOut))).toBeCloseTo(Math.sqrt(2 / fanIn), 2);
    expect(maxAbs(heUniform()(rng(), fanIn, fanOut))).toBeLessThanOrEqual(Math.sqrt(6 / fanIn));
    expect(maxAbs(pytorchUniform()(rng(), fanIn, fanOut))).toBeLessThanOrEqual(1 / Math.sqrt(fanIn));
    const w = scaledNormal(1e-4)(new NumpyRandom(0), 2, 3);
    const z = new NumpyRandom(0).randn(2, 3);
    w.forEach((v, i) => expect(v).toBe(z[i] * 1e-4)); // CS231n's std * np.random.randn(D, H)
    expect(Array.from(heNormal()(rng(), 3, 2))).toEqual(Array.from(heNormal()(rng(), 3, 2)));
  });
});

describe("activation modules, Sequential and Residual", () => {
  it("apply their functions and name parameters by layer in forward order", () => {
    expect(new ReLU().forward(tensor([[-1, 2]])).toArray()).toEqual([[0, 2]]);
    expect(new Sigmoid().forward(tensor([[0]])).item()).toBe(0.5);
    expect(new Tanh().forward(tensor([[0]])).item()).toBe(0);
    const r = rng();
    const model = new Sequential(new Linear(3, 4, r), new ReLU(), new Residual(new Sequential(new Linear(4, 4, r), new Tanh())), new Linear(4, 2, r));
    expect(model.namedParameters().map((p) => p.name)).toEqual([
      "Linear 1 (W)", "Linear 1 (b)", "Linear 2 (W)", "Linear 2 (b)", "Linear 3 (W)", "Linear 3 (b)",
    ]);
    expect(model.parameterCount()).toBe(3 * 4 + 4 + 4 * 4 + 4 + 4 * 2 + 2);
  });
  it("Residual adds its block's output to its input, and gradients match finite differences", () => {
    const block = new Linear(3, 3, rng()).setWeights([[0, 0, 0], [0, 0, 0], [0, 0, 0]], [1, 2, 3]);
    expect(new Residual(block).forward(tensor([[1, 1, 1]])).toArray()).toEqual([[2, 3, 4]]);
    const r = rng();
    const model = new Sequential(new Linear(3, 3, r), new Residual(new Sequential(new Linear(3, 3, r), new Tanh())), new Sigmoid());
    const x = new Tensor(new NumpyRandom(1).randn(4, 3), [4, 3], { requiresGrad: true });
    expect(maxGradError(() => model.forward(x), [...model.parameters(), x])).toBeLessThan(1e-7);
  });
  it("Residual refuses a block that changes the shape; Sequential refuses non-modules", () => {
    expect(() => new Residual(new Linear(3, 2, rng())).forward(Tensor.zeros(1, 3))).toThrow(
      "Residual: block must keep the shape of x, got x [1, 3] and block(x) [1, 2]",
    );
    expect(() => new Sequential(new ReLU(), 3 as unknown as ReLU)).toThrow("Sequential: every layer must be a Module, got number at position 1");
  });
  it("zeroGrad zeros every parameter's gradient; eval/train reach every child", () => {
    const model = new Sequential(new Linear(2, 2, rng()), new BatchNorm1d(2));
    sum(model.forward(tensor([[1, 2], [3, 5]]))).backward();
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad!.every((g) => g === 0))).toBe(true);
    model.eval();
    expect(model.layers.every((l) => !l.training)).toBe(true);
    model.train();
    expect(model.layers.every((l) => l.training)).toBe(true);
  });
});

describe("BatchNorm1d", () => {
  it("normalizes each feature over the batch in training mode", () => {
    const bn = new BatchNorm1d(2, { eps: 0 });
    const out = bn.forward(tensor([[1, 10], [3, 10], [5, 40], [7, 40]]));
    const s = Math.sqrt(5); // column 0: mean 4, biased variance 5
    out.toArray().map((r) => r[0]).forEach((v, i) => expect(v).toBeCloseTo([-3 / s, -1 / s, 1 / s, 3 / s][i], 14));
    out.toArray().map((r) => r[1]).forEach((v, i) => expect(v).toBeCloseTo([-1, -1, 1, 1][i], 14));
  });
  it("moves running statistics toward the batch (unbiased variance) and uses them in eval mode", () => {
    const bn = new BatchNorm1d(1, { momentum: 0.1 });
    bn.forward(tensor([[1], [3]])); // mean 2, unbiased variance 2
    expect(bn.runningMean[0]).toBeCloseTo(0.2, 15);
    expect(bn.runningVar[0]).toBeCloseTo(0.9 + 0.2, 15);
    bn.eval();
    expect(bn.forward(tensor([[0.2]])).item()).toBeCloseTo(0, 15);
    expect(bn.forward(tensor([[1.2]])).item()).toBeCloseTo(1 / Math.sqrt(1.1 + 1e-5), 12);
  });
  it("gradients for x, γ and β match finite differences", () => {
    const bn = new BatchNorm1d(3);
    bn.gamma.data.set([1.5, -0.5, 2]);
    bn.beta.data.set([0.1, 0.2, 0.3]);
    const x = new Tensor(new NumpyRandom(3).randn(5, 3), [5, 3], { requiresGrad: true });
    expect(maxGradError(() => bn.forward(x), [x, bn.gamma, bn.beta])).toBeLessThan(1e-7);
  });
  it("refuses a one-row batch in training and the wrong feature count", () => {
    expect(() => new BatchNorm1d(2).forward(Tensor.zeros(1, 2))).toThrow(
      "BatchNorm1d: training needs at least 2 rows per batch to estimate a variance, got x [1, 2]",
    );
    expect(() => new BatchNorm1d(2).forward(Tensor.zeros(3, 4))).toThrow("BatchNorm1d: x must have 2 features, got x [3, 4]");
  });
});
