// fit: the training loop's steps, callbacks and history, and how it stops on bad input or a NaN loss.
import { describe, expect, it, vi } from "vitest";
import { Matrix } from "../core/matrix";
import { NumpyRandom } from "../core/random";
import { ShapeError } from "../core/shape";
import { softmaxCrossEntropy } from "../tensor/losses";
import { Tensor } from "../tensor/tensor";
import { ReLU } from "./activations";
import { EpochInfo, fit, predict, StepInfo, TrainingHistory } from "./fit";
import { Linear } from "./linear";
import { Module, ParameterEntry } from "./module";
import { cosineSchedule } from "./schedule";
import { Sequential } from "./sequential";
import { SGD } from "./sgd";

/** Two Gaussian blobs in 2-D, centred at (−1, −1) and (1, 1). */
function blobs(n: number, seed: number): { x: Matrix; y: number[] } {
  const r = new NumpyRandom(seed);
  const noise = r.randn(n, 2);
  const y = Array.from({ length: n }, (_, i) => i % 2);
  const x = new Matrix(n, 2, noise.map((v, i) => 0.5 * v + (y[Math.floor(i / 2)] === 1 ? 1 : -1)));
  return { x, y };
}

const model = (seed = 0) => {
  const r = new NumpyRandom(seed);
  return new Sequential(new Linear(2, 8, r), new ReLU(), new Linear(8, 2, r));
};

describe("fit", () => {
  it("equals the hand-written loop: NumpyRandom(seed).permutation per epoch, forward, backward, step", () => {
    const { x, y } = blobs(50, 1);
    const a = model();
    const history = fit(a, { x, y }, { epochs: 2, batchSize: 16, optimizer: new SGD(a.parameters(), { lr: 0.3 }), seed: 9 });

    const b = model();
    const opt = new SGD(b.parameters(), { lr: 0.3 });
    const rng = new NumpyRandom(9);
    const losses: number[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      const order = rng.permutation(50);
      for (let s = 0; s < 50; s += 16) {
        const rows = order.slice(s, s + 16);
        const xb = new Tensor(Float64Array.from(rows.flatMap((i) => x.row(i))), [rows.length, 2]);
        opt.zeroGrad();
        const loss = softmaxCrossEntropy(b.forward(xb), rows.map((i) => y[i]));
        loss.backward();
        opt.step();
        losses.push(loss.item());
      }
    }
    expect(history.loss).toEqual(losses);
    expect(history.loss).toHaveLength(8);
  });

  it("learns two blobs and reports accuracy per epoch, validation included", () => {
    const train = blobs(200, 2);
    const validation = blobs(100, 3);
    const m = model(1);
    const h = fit(m, { x: train.x, y: train.y, validation }, { epochs: 5, batchSize: 20, optimizer: new SGD(m.parameters(), { lr: 0.2, momentum: 0.9 }), seed: 0 });
    expect(h.trainAccuracy).toHaveLength(5);
    expect(h.validationAccuracy).toHaveLength(5);
    expect(h.validationAccuracy[4]).toBeGreaterThan(0.95);
    expect(h.loss[h.loss.length - 1]).toBeLessThan(h.loss[0]);
    expect(Object.keys(h.gradNorms)).toEqual(["Linear 1 (W)", "Linear 1 (b)", "Linear 2 (W)", "Linear 2 (b)"]);
    expect(h.gradNorms["Linear 1 (W)"]).toHaveLength(50);
    expect(h.stoppedEarly).toBeUndefined();
    expect(m.training).toBe(true);
    const predicted = predict(m, validation.x);
    expect(predicted.filter((c, i) => c === validation.y[i]).length / 100).toBe(h.validationAccuracy[4]);
    expect(m.training).toBe(true);
  });

  it("calls onStep, onEpoch and onEnd with the contracted fields", () => {
    const { x, y } = blobs(30, 4);
    const m = model();
    const steps: StepInfo[] = [];
    const epochs: EpochInfo[] = [];
    let ended: TrainingHistory | null = null;
    const h = fit(m, { x, y }, {
      epochs: 3, batchSize: 8, optimizer: new SGD(m.parameters(), { lr: 0.1 }), seed: 1,
      callbacks: { onStep: (s) => steps.push(s), onEpoch: (e) => epochs.push(e), onEnd: (hist) => (ended = hist) },
    });
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(steps[5]).toMatchObject({ epoch: 2, epochs: 3, stepInEpoch: 2, stepsPerEpoch: 4, totalSteps: 12 });
    expect(steps[5].loss).toBe(h.loss[5]);
    expect(Object.keys(steps[0].gradNorms)).toContain("Linear 2 (W)");
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs[0].loss).toBeCloseTo(h.loss.slice(0, 4).reduce((s, v) => s + v) / 4, 14);
    expect(epochs[2].trainAccuracy).toBe(h.trainAccuracy[2]);
    expect(epochs[2].seconds).toBeGreaterThanOrEqual(epochs[0].seconds);
    expect(ended).toBe(h);
  });

  it("adds ½·l2·ΣW² over the weights (not the biases) to the reported loss", () => {
    const { x, y } = blobs(10, 5);
    const run = (l2: number) => {
      const m = model();
      const sumW = m.namedParameters().filter((p) => p.decay).reduce((s, p) => s + p.tensor.data.reduce((t, v) => t + v * v, 0), 0);
      const h = fit(m, { x, y }, { epochs: 1, batchSize: 10, optimizer: new SGD(m.parameters(), { lr: 0.1 }), seed: 0, l2 });
      return { loss: h.loss[0], sumW };
    };
    const plain = run(0);
    const reg = run(0.5);
    expect(reg.loss - plain.loss).toBeCloseTo(0.25 * plain.sumW, 12);
  });

  it("clips the joint gradient norm before each update when asked", () => {
    const { x, y } = blobs(20, 7);
    const seen: number[] = [];
    const m = model();
    const opt = new SGD(m.parameters(), { lr: 0.1 });
    const before = m.parameters().map((p) => p.data.slice());
    const h = fit(m, { x, y }, { epochs: 1, batchSize: 20, optimizer: opt, seed: 0, maxGradNorm: 1e-3, callbacks: { onStep: () => seen.push(Math.hypot(...m.parameters().flatMap((p) => Array.from(p.grad!)))) } });
    expect(seen[0]).toBeCloseTo(1e-3, 8); // the gradient the update used
    expect(Math.hypot(...Object.values(h.gradNorms).map((v) => v[0]))).toBeGreaterThan(1e-3); // recorded before clipping
    const moved = Math.hypot(...m.parameters().flatMap((p, k) => Array.from(p.data).map((v, i) => v - before[k][i])));
    expect(moved).toBeCloseTo(0.1 * 1e-3, 8);
    expect(() => fit(m, { x, y }, { epochs: 1, batchSize: 20, optimizer: opt, seed: 0, maxGradNorm: 0 })).toThrow("fit: maxGradNorm must be > 0, got 0");
  });

  it("sets the learning rate from the schedule before every step", () => {
    const { x, y } = blobs(20, 6);
    const m = model();
    const opt = new SGD(m.parameters(), { lr: 1 });
    const seen: number[] = [];
    fit(m, { x, y }, { epochs: 2, batchSize: 10, optimizer: opt, seed: 0, schedule: cosineSchedule({ lr: 0.5 }), callbacks: { onStep: () => seen.push(opt.lr) } });
    expect(seen[0]).toBe(0.5);
    expect(seen[3]).toBeCloseTo(0.25 * (1 + Math.cos((Math.PI * 3) / 4)), 14);
  });

  it("stops at the first non-finite output and names the step and the layer", () => {
    const x = new Matrix(4, 2, [1e200, 1, -1e200, 1, 1, -1, -1, -1]);
    const m = model();
    (m.layers[0] as Linear).weight.data.fill(1e200); // 1e200 · 1e200 overflows to Infinity in Linear 1
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const h = fit(m, { x, y: [0, 1, 1, 0] }, { epochs: 3, batchSize: 4, optimizer: new SGD(m.parameters(), { lr: 1 }), seed: 0 });
    const warned = warn.mock.calls.map((c) => c[0]);
    warn.mockRestore();
    expect(warned).toEqual([h.stoppedEarly]);
    expect(h.stoppedEarly).toBe(
      "fit: the model's output became non-finite at step 1 (epoch 1, batch 1 of 1); " +
        "the first non-finite values appear in the output of Linear 1; lower the learning rate or scale the inputs",
    );
    expect(h.loss).toEqual([]);
  });

  it("stops an exploding run before any parameter turns non-finite", () => {
    const x = new Matrix(4, 2, [1e200, 1e200, -1e200, 1e200, 1e200, -1e200, -1e200, -1e200]);
    const m = model();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const h = fit(m, { x, y: [0, 1, 1, 0] }, { epochs: 3, batchSize: 4, optimizer: new SGD(m.parameters(), { lr: 1 }), seed: 0 });
    warn.mockRestore();
    expect(h.stoppedEarly).toMatch(/^fit: the (gradient|model's output) became non-finite at step \d \(epoch \d, batch 1 of 1\)/);
    expect(h.stoppedEarly).toMatch(/Linear \d/);
    expect(h.loss.every(Number.isFinite)).toBe(true);
    expect(m.parameters().every((p) => p.data.every(Number.isFinite))).toBe(true);
  });

  it("stops before the update when a gradient is non-finite, naming the parameter", () => {
    class BadGradient extends Module {
      readonly p = new Tensor([1], [1, 1], { requiresGrad: true });
      forward(x: Tensor): Tensor {
        return Tensor.fromOp(x.data.slice(), x.shape, "bad", [x, this.p], (dOut) => [dOut, Float64Array.of(NaN)]);
      }
      ownParameters(): ParameterEntry[] {
        return [{ short: "p", tensor: this.p, decay: false }];
      }
    }
    const m = new Sequential(new Linear(2, 2, new NumpyRandom(0)), new BadGradient());
    const before = Array.from(m.parameters()[0].data);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const h = fit(m, blobs(4, 1), { epochs: 1, batchSize: 4, optimizer: new SGD(m.parameters(), { lr: 1 }), seed: 0 });
    warn.mockRestore();
    expect(h.stoppedEarly).toMatch(/^fit: the gradient became non-finite at step 1 \(epoch 1, batch 1 of 1\), first in BadGradient 1 \(p\)/);
    expect(Array.from(m.parameters()[0].data)).toEqual(before);
  });

  it("rejects wrong lengths, empty data and bad settings, naming what came", () => {
    const { x, y } = blobs(10, 1);
    const m = model();
    const optimizer = new SGD(m.parameters(), { lr: 0.1 });
    const base = { epochs: 1, batchSize: 4, optimizer, seed: 0 };
    expect(() => fit(m, { x, y: y.slice(1) }, base)).toThrow(ShapeError);
    expect(() => fit(m, { x, y: y.slice(1) }, base)).toThrow("fit: y must have one label per row of x (10), got 9");
    expect(() => fit(m, { x: new Matrix(0, 2), y: [] }, base)).toThrow("fit: x must have at least one example (row), got x [0, 2]");
    expect(() => fit(m, { x, y }, { ...base, batchSize: 0 })).toThrow("fit: batchSize must be a positive integer, got 0");
    expect(() => fit(m, { x, y }, { ...base, epochs: 1.5 })).toThrow("fit: epochs must be a positive integer, got 1.5");
    expect(() => fit(m, { x, y: y.map((v) => v + 0.5) }, base)).toThrow("fit y: labels must be whole numbers >= 0, got 0.5 at index 0");
    expect(() => fit(m, { x, y: y.map((v) => v * 7) }, base)).toThrow("softmaxCrossEntropy: labels must be integers in [0, 2), got 7");
    expect(() => fit(m, { x, y, validation: { x: new Matrix(2, 3), y: [0, 1] } }, base)).toThrow(
      "fit: validation.x must have 2 features like x, got validation.x [2, 3]",
    );
  });

  it("trains a regression with loss \"mse\"", () => {
    const r = new NumpyRandom(3);
    const x = new Matrix(40, 1, r.uniform(-1, 1, 40, 1));
    const y = x.mul(3).add(1); // y = 3x + 1
    const m = new Linear(1, 1, new NumpyRandom(0));
    const h = fit(m, { x, y }, { epochs: 40, batchSize: 8, optimizer: new SGD(m.parameters(), { lr: 0.1 }), seed: 0, loss: "mse" });
    expect(h.loss[h.loss.length - 1]).toBeLessThan(1e-4);
    expect(m.weight.data[0]).toBeCloseTo(3, 2);
    expect(m.bias!.data[0]).toBeCloseTo(1, 2);
  });
});
