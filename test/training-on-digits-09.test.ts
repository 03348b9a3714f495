// Notebook 09's promise, kept here instead of in the notebook: its fit run (same data, seeds and settings) passes 95% test accuracy.
import { describe, expect, it } from "vitest";
import { cosineSchedule, evaluateAccuracy, fit, heNormal, Linear, loadDigits, NumpyRandom, ReLU, Sequential, SGD } from "../src/index";

describe("notebook 09's training run", () => {
  it("784 → 128 → 10, 10 epochs of 100-digit minibatches with momentum and a cosine schedule, passes 95% on the test digits", () => {
    // The same calls as the notebook's cells ch09-data, ch09-code-14 and ch09-code-15 (without the drawing callbacks).
    const { train, validation, test } = loadDigits({ seed: 0, train: 8000, validation: 1000, test: 1000 });
    const rng = new NumpyRandom(0);
    const model = new Sequential(new Linear(784, 128, rng, { init: heNormal() }), new ReLU(), new Linear(128, 10, rng));
    const optimizer = new SGD(model.parameters(), { lr: 0.2, momentum: 0.9 });
    const history = fit(model, { x: train.x, y: train.y, validation }, {
      epochs: 10, batchSize: 100, optimizer, seed: 1, l2: 1e-4, schedule: cosineSchedule({ lr: 0.2 }),
    });
    expect(history.stoppedEarly).toBeUndefined();
    expect(history.loss).toHaveLength(10 * 80);
    expect(evaluateAccuracy(model, test.x, test.y)).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
