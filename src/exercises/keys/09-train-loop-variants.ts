// The training-loop exercise's small problem, and the typical wrong loops run on it, so their numbers are never typed in.

import { NumpyRandom } from "../../core/random";
import { spirals } from "../../data/toy";
import { Tensor } from "../../tensor/tensor";
import { softmaxCrossEntropy } from "../../tensor/losses";
import type { Module } from "../../nn/module";
import { Sequential } from "../../nn/sequential";
import { Linear } from "../../nn/linear";
import { ReLU } from "../../nn/activations";
import { SGD } from "../../nn/sgd";

/** The network and data every run starts from: 150 spiral points (3 classes), a 2 → 16 → 3 network, plain SGD. */
export const PROBLEM = { pointsPerClass: 50, classes: 3, dataSeed: 7, hidden: 16, weightSeed: 0, lr: 0.5 } as const;

/** How a run trains: trainLoop's options without the optimizer. */
export interface RunOptions {
  epochs: number;
  batchSize: number;
  seed: number;
}

/** Batches of 32 of 150: four full ones and a last one of 22, so a loop that drops it shows. */
export const MAIN_RUN: RunOptions = { epochs: 2, batchSize: 32, seed: 3 };
/** Another seed, batch size and epoch count, so a loop that ignores its options shows. */
export const OTHER_RUN: RunOptions = { epochs: 3, batchSize: 50, seed: 11 };

export const problemData = () => spirals(PROBLEM.pointsPerClass, PROBLEM.classes, PROBLEM.dataSeed);

/** The same freshly initialized 2 → 16 → 3 network and plain SGD every time it is called. */
export function problemModel(): { model: Module; optimizer: SGD } {
  const rng = new NumpyRandom(PROBLEM.weightSeed);
  const model = new Sequential(new Linear(2, PROBLEM.hidden, rng), new ReLU(), new Linear(PROBLEM.hidden, PROBLEM.classes, rng));
  return { model, optimizer: new SGD(model.parameters(), { lr: PROBLEM.lr }) };
}

/** Every parameter's values, in forward order, as one list. */
export const weightsOf = (model: Module): number[] => model.parameters().flatMap((p) => Array.from(p.data));

/** What a wrong loop does differently from the right one (all absent: the right loop). */
export interface LoopSlip {
  /** never zeroes the gradients, so each step's add onto the last ones */
  noZeroGrad?: boolean;
  /** "never": keeps the data order; "once": one permutation reused every epoch */
  shuffle?: "never" | "once";
  /** "zeroed": zeroGrad, step, backward (steps on zeros); "stale": step, zeroGrad, backward (steps on the last batch's gradients) */
  stepBeforeBackward?: "zeroed" | "stale";
  /** records the batch's loss recomputed after the update */
  lossAfterStep?: boolean;
  /** skips the last, smaller batch of each epoch */
  dropLast?: boolean;
}

/** Runs the loop with `slip` on the exercise's problem with `run`'s options: the loss per step and the final weights. */
export function runLoop(slip: LoopSlip, run: RunOptions = MAIN_RUN): { loss: number[]; weights: number[] } {
  const data = problemData();
  const { model, optimizer } = problemModel();
  const { epochs, batchSize } = run;
  const n = data.x.rows, features = data.x.cols;
  const rng = new NumpyRandom(run.seed);
  const steps = slip.dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  const loss: number[] = [];
  let order = Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (slip.shuffle === undefined || (slip.shuffle === "once" && epoch === 0)) order = rng.permutation(n);
    for (let b = 0; b < steps; b++) {
      const rows = order.slice(b * batchSize, (b + 1) * batchSize);
      const x = new Tensor(Float64Array.from(rows.flatMap((r) => Array.from(data.x.data.subarray(r * features, (r + 1) * features)))), [rows.length, features]);
      const y = rows.map((r) => data.y[r]);
      if (!slip.noZeroGrad && slip.stepBeforeBackward === undefined) optimizer.zeroGrad();
      const batchLoss = softmaxCrossEntropy(model.forward(x), y);
      if (slip.stepBeforeBackward === "zeroed") {
        optimizer.zeroGrad();
        optimizer.step();
      } else if (slip.stepBeforeBackward === "stale") {
        optimizer.step();
        optimizer.zeroGrad();
      }
      batchLoss.backward();
      if (slip.stepBeforeBackward === undefined) optimizer.step();
      loss.push(slip.lossAfterStep ? softmaxCrossEntropy(model.forward(x), y).data[0] : batchLoss.data[0]);
    }
  }
  return { loss, weights: weightsOf(model) };
}
