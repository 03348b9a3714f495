// ch09-train-loop: the key's wrong loops are faithful to fit when right, each slip is told apart, and check names it.
import { describe, expect, it } from "vitest";
import { check } from "./check";
import { recordDisplays, thrown } from "./test-helpers";
import { fit } from "../nn/fit";
import { MAIN_RUN, OTHER_RUN, LoopSlip, problemData, problemModel, runLoop, weightsOf } from "./keys/09-train-loop-variants";
import { NumpyRandom } from "../core/random";
import { Tensor } from "../tensor/tensor";
import { softmaxCrossEntropy } from "../tensor/losses";
import type { Module } from "../nn/module";
import type { Dataset } from "../data/digits";
import type { Optimizer } from "../nn/sgd";

type Options = { epochs: number; batchSize: number; optimizer: Optimizer; seed: number };

/** A learner's loop, written with the notebook's public API; `skip` leaves out one of its lines. */
function learnerLoop(skip?: "zeroGrad" | "lastBatch") {
  return (model: Module, data: Dataset, options: Options) => {
    const rng = new NumpyRandom(options.seed);
    const n = data.x.rows, f = data.x.cols;
    const loss: number[] = [];
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const order = rng.permutation(n);
      const end = skip === "lastBatch" ? n - (n % options.batchSize) : n;
      for (let start = 0; start < end; start += options.batchSize) {
        const rows = order.slice(start, start + options.batchSize);
        const x = new Tensor(Float64Array.from(rows.flatMap((r) => Array.from(data.x.data.subarray(r * f, (r + 1) * f)))), [rows.length, f]);
        if (skip !== "zeroGrad") options.optimizer.zeroGrad();
        const batchLoss = softmaxCrossEntropy(model.forward(x), rows.map((r) => data.y[r]));
        batchLoss.backward();
        options.optimizer.step();
        loss.push(batchLoss.data[0]);
      }
    }
    return { loss };
  };
}

const maxGap = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe("the training-loop key", () => {
  it("its right loop takes fit's steps: the same losses and final weights, for both runs", () => {
    for (const run of [MAIN_RUN, OTHER_RUN]) {
      const { model, optimizer } = problemModel();
      const history = fit(model, problemData(), { ...run, optimizer });
      const mine = runLoop({}, run);
      expect(mine.loss).toHaveLength(history.loss.length);
      expect(maxGap(mine.loss, history.loss)).toBeLessThan(1e-12);
      expect(maxGap(mine.weights, weightsOf(model))).toBeLessThan(1e-12);
    }
  });

  it("every slip changes the losses, and no two slips give the same ones", () => {
    const slips: LoopSlip[] = [{ noZeroGrad: true }, { shuffle: "never" }, { shuffle: "once" }, { stepBeforeBackward: "zeroed" }, { stepBeforeBackward: "stale" }, { lossAfterStep: true }, { dropLast: true }];
    const runs = [runLoop({}), ...slips.map((s) => runLoop(s))].map((r) => r.loss);
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const same = runs[i].length === runs[j].length && maxGap(runs[i], runs[j]) < 1e-9;
        expect(same, `run ${i} vs ${j}`).toBe(false);
      }
    }
  });

  it("passes a right loop with a ✓ per item", () => {
    const shown = recordDisplays();
    try {
      check("ch09-train-loop", () => ({ trainLoop: learnerLoop() }));
    } finally {
      shown.stop();
    }
    expect(shown.bundles).toHaveLength(3);
  });

  it("names the typical wrong loops: no zeroGrad, the last batch dropped, a call of fit, a bare list", () => {
    expect(thrown(() => check("ch09-train-loop", () => ({ trainLoop: learnerLoop("zeroGrad") }))).message).toMatch(/\.loss is not right\. The gradients were never zeroed/);
    expect(thrown(() => check("ch09-train-loop", () => ({ trainLoop: learnerLoop("lastBatch") }))).message).toMatch(/The last, smaller batch of each epoch is missing: 150 examples in batches of 32 make 5 batches, the last one of 22/);
    const delegates = (model: Module, data: Dataset, options: Options) => ({ loss: fit(model, data, options).loss });
    expect(thrown(() => check("ch09-train-loop", () => ({ trainLoop: delegates }))).message).toMatch(/^trainLoop calls fit: fit is the loop to reproduce/);
    // However it is reached: under another name, through a wrapper.
    const train = fit;
    const renamed = (model: Module, data: Dataset, options: Options) => ({ loss: train(model, data, options).loss });
    expect(thrown(() => check("ch09-train-loop", () => ({ trainLoop: renamed }))).message).toMatch(/^trainLoop calls fit: fit is the loop to reproduce/);
    const bare = (model: Module, data: Dataset, options: Options) => learnerLoop()(model, data, options).loss;
    expect(thrown(() => check("ch09-train-loop", () => ({ trainLoop: bare }))).message).toMatch(/return it in an object, \{ loss \}/);
  });
});
