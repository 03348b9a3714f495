// softmax, logSoftmax and the losses built on them: forward values, gradient checks, errors.
import { describe, expect, it } from "vitest";
import { maxGradError, param } from "../../test/helpers/central-difference";
import { ShapeError } from "../core/shape";
import { mse, softmaxCrossEntropy } from "./losses";
import { logSoftmax, softmax } from "./softmax";
import { tensor } from "./tensor";

describe("softmax and logSoftmax", () => {
  it("give hand-checkable values and survive huge logits", () => {
    const p = softmax(tensor([[0, Math.log(3)], [1000, 1000]]));
    expect(p.get(0, 0)).toBeCloseTo(0.25, 15);
    expect(p.get(0, 1)).toBeCloseTo(0.75, 15);
    expect(p.toArray()[1]).toEqual([0.5, 0.5]);
    logSoftmax(tensor([[1000, 1000]])).data.forEach((v) => expect(v).toBeCloseTo(-Math.LN2, 12));
  });
  it("gradients match finite differences", () => {
    expect(maxGradError((x) => softmax(x), [param(3, 4, 21)])).toBeLessThan(1e-7);
    expect(maxGradError((x) => logSoftmax(x), [param(3, 4, 22)])).toBeLessThan(1e-7);
  });
  it("refuse non-finite logits, naming the position", () => {
    expect(() => softmax(tensor([[1, NaN]]))).toThrow("softmax: x must be finite, got NaN at [0, 1]");
    expect(() => logSoftmax(tensor([[-Infinity, 0]]))).toThrow("logSoftmax: x must be finite, got -Infinity at [0, 0]");
  });
});

describe("softmaxCrossEntropy", () => {
  it("is log(c) for uniform logits and −log p for a known row", () => {
    expect(softmaxCrossEntropy(tensor([[0, 0, 0, 0]]), [2]).item()).toBeCloseTo(Math.log(4), 15);
    // row probabilities [0.25, 0.75]: labels 1 and 0 → mean of −log 0.75 and −log 0.25
    const loss = softmaxCrossEntropy(tensor([[0, Math.log(3)], [0, Math.log(3)]]), [1, 0]).item();
    expect(loss).toBeCloseTo((-Math.log(0.75) - Math.log(0.25)) / 2, 14);
  });
  it("stays finite for logits of 1e4 (fused log-sum-exp)", () => {
    expect(softmaxCrossEntropy(tensor([[1e4, 0]]), [1]).item()).toBeCloseTo(1e4, 6);
  });
  it("gradient matches finite differences and equals (softmax − onehot) / n", () => {
    const x = param(4, 3, 23);
    expect(maxGradError((t) => softmaxCrossEntropy(t, [0, 2, 1, 2]), [x])).toBeLessThan(1e-7);
    const logits = tensor([[0, Math.log(3)]], { requiresGrad: true });
    softmaxCrossEntropy(logits, [0]).backward();
    expect(logits.grad![0]).toBeCloseTo(0.25 - 1, 15);
    expect(logits.grad![1]).toBeCloseTo(0.75, 15);
  });
  it("validates labels and names what came", () => {
    const logits = tensor([[0, 1, 2], [3, 4, 5]]);
    expect(() => softmaxCrossEntropy(logits, [0])).toThrow(ShapeError);
    expect(() => softmaxCrossEntropy(logits, [0])).toThrow("softmaxCrossEntropy: labels must have one entry per row of scores (2), got 1 labels");
    expect(() => softmaxCrossEntropy(logits, [0, 3])).toThrow("softmaxCrossEntropy: labels must be integers in [0, 3), got 3 at index 1");
    expect(() => softmaxCrossEntropy(logits, [0.5, 1])).toThrow("labels must be integers in [0, 3), got 0.5 at index 0");
    expect(() => softmaxCrossEntropy(logits, [-1, 1])).toThrow("got -1 at index 0");
    expect(() => softmaxCrossEntropy(tensor([[1, Infinity]]), [0])).toThrow("softmaxCrossEntropy: logits must be finite, got Infinity at [0, 1]");
  });
});

describe("mse", () => {
  it("is the mean of squared differences, like PyTorch's MSELoss", () => {
    expect(mse(tensor([[1, 2], [3, 4]]), [[1, 0], [0, 4]]).item()).toBe((0 + 4 + 9 + 0) / 4);
  });
  it("gradient matches finite differences for prediction and target", () => {
    expect(maxGradError((p, t) => mse(p, t), [param(3, 2, 31), param(3, 2, 32)])).toBeLessThan(1e-7);
  });
  it("throws naming both shapes, and refuses NaN", () => {
    expect(() => mse(tensor([[1, 2]]), [[1], [2]])).toThrow("mse: prediction and target must have the same shape, got prediction [1, 2] and target [2, 1]");
    expect(() => mse(tensor([[NaN]]), [[1]])).toThrow("mse: prediction must be finite, got NaN at [0, 0]");
  });
});
