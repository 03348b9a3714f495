// The digits chapter's path through the package entry: real MNIST digits, a 784→H→10 network, fit, accuracy.
import { describe, expect, it } from "vitest";
import { cosineSchedule, evaluateAccuracy, fit, heNormal, Linear, loadDigits, NumpyRandom, ReLU, Sequential, SGD } from "../src/index";

/** He-initialized 784 → hidden → 10 ReLU network trained by fit with momentum 0.9, a cosine schedule and L2 1e-4 (notebook 09's own 95% is checked on its run, in notebooks.test.ts). */
function trainDigits(o: { train: number; validation: number; test: number; hidden: number; lr: number; epochs: number; batchSize: number }) {
  const { train, validation, test } = loadDigits({ seed: 0, train: o.train, validation: o.validation, test: o.test });
  const rng = new NumpyRandom(0);
  const model = new Sequential(new Linear(784, o.hidden, rng, { init: heNormal() }), new ReLU(), new Linear(o.hidden, 10, rng));
  const optimizer = new SGD(model.parameters(), { lr: o.lr, momentum: 0.9 });
  const history = fit(model, { ...train, validation }, { epochs: o.epochs, batchSize: o.batchSize, optimizer, seed: 1, schedule: cosineSchedule({ lr: o.lr }), l2: 1e-4 });
  return { history, testAccuracy: evaluateAccuracy(model, test.x, test.y) };
}

describe("training on real digits", () => {
  it("fit reaches over 85% validation accuracy on 2,000 digits in 3 epochs, and the test set agrees", () => {
    const { history, testAccuracy } = trainDigits({ train: 2000, validation: 500, test: 500, hidden: 64, lr: 0.1, epochs: 3, batchSize: 50 });
    expect(history.stoppedEarly).toBeUndefined();
    expect(history.loss).toHaveLength(3 * 40);
    expect(history.validationAccuracy[2]).toBeGreaterThan(0.85);
    expect(testAccuracy).toBeGreaterThan(0.85);
  });
});
