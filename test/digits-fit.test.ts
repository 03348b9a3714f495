// The digits chapter's path through the package entry: real MNIST digits, a 784→64→10 network, fit, accuracy.
import { describe, expect, it } from "vitest";
import { cosineSchedule, evaluateAccuracy, fit, heNormal, Linear, loadDigits, NumpyRandom, ReLU, Sequential, SGD } from "../src/index";

describe("training on real digits", () => {
  it("fit reaches over 85% validation accuracy on 2,000 digits in 3 epochs, and the test set agrees", () => {
    const { train, validation, test } = loadDigits({ seed: 0, train: 2000, validation: 500, test: 500 });
    const rng = new NumpyRandom(0);
    const model = new Sequential(new Linear(784, 64, rng, { init: heNormal() }), new ReLU(), new Linear(64, 10, rng));
    const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const history = fit(model, { ...train, validation }, { epochs: 3, batchSize: 50, optimizer, seed: 1, schedule: cosineSchedule({ lr: 0.1 }), l2: 1e-4 });
    expect(history.stoppedEarly).toBeUndefined();
    expect(history.loss).toHaveLength(3 * 40);
    expect(history.validationAccuracy[2]).toBeGreaterThan(0.85);
    expect(evaluateAccuracy(model, test.x, test.y)).toBeGreaterThan(0.85);
  });
});
