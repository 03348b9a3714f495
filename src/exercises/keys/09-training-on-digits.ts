// Answer key of 09-training-on-digits: 8,000 training digits, batch 200, 3 epochs, a 784→50→10 network; the learner's
// training loop against the module's fit on a small spiral problem.

import type { AnswerKey } from "../key";
import { fail } from "../errors";
import { fit, fitRunCount } from "../../nn/fit";
import { LoopSlip, MAIN_RUN, OTHER_RUN, problemData, problemModel, RunOptions, runLoop, weightsOf } from "./09-train-loop-variants";

type Accuracy = (predicted: readonly number[], labels: readonly number[]) => unknown;
const call = (a: { readonly [name: string]: unknown }, predicted: number[], labels: number[]) => (a.accuracy as Accuracy)(predicted, labels);

/** fit's loss per step and final weights on the exercise's problem: what trainLoop must reproduce. */
function fitReference(run: RunOptions): { loss: number[]; weights: number[] } {
  const { model, optimizer } = problemModel();
  const history = fit(model, problemData(), { ...run, optimizer });
  return { loss: history.loss, weights: weightsOf(model) };
}

const runText = (run: RunOptions) => `{ epochs: ${run.epochs}, batchSize: ${run.batchSize}, seed: ${run.seed} }`;
const lossLabel = (run: RunOptions) => `trainLoop(model, spirals, ${runText(run)}).loss`;
const weightsLabel = (run: RunOptions) => `the weights after trainLoop(model, spirals, ${runText(run)})`;

/** Calls the learner's trainLoop on a fresh copy of the problem; its result's loss list, or the model's weights after it. */
function trainLoopRun(a: { readonly [name: string]: unknown }, read: (what: string, value: unknown) => unknown, run: RunOptions, what: "loss" | "weights"): unknown {
  if (typeof a.trainLoop !== "function") fail(`trainLoop must be a function (model, data, options) => ({ loss }), got ${typeof a.trainLoop}`);
  const { model, optimizer } = problemModel();
  // Counted, not searched for in the source: a renamed or wrapped fit is caught just the same.
  const fitRunsBefore = fitRunCount();
  const result = read(lossLabel(run).replace(/\.loss$/, ""), (a.trainLoop as (m: unknown, d: unknown, o: unknown) => unknown)(model, problemData(), { ...run, optimizer }));
  if (fitRunCount() !== fitRunsBefore) fail("trainLoop calls fit: fit is the loop to reproduce, so write the shuffling, the batches and the steps yourself.");
  if (what === "weights") return weightsOf(model);
  if (Array.isArray(result)) fail(`trainLoop returned the list of losses itself; return it in an object, { loss }, as fit's history holds it.`);
  return result !== null && typeof result === "object" ? (result as { loss?: unknown }).loss : result;
}

// The typical wrong loops, each run by the key on the same problem with the same options.
function slips(run: RunOptions): { slip: LoopSlip; hint: string }[] {
  const n = problemData().y.length, full = Math.floor(n / run.batchSize), last = n - full * run.batchSize;
  return [
    { slip: { noZeroGrad: true }, hint: "The gradients were never zeroed: backward ADDS into .grad, so every step used the sum of all the gradients so far. Zero them (optimizer.zeroGrad()) before each backward." },
    { slip: { shuffle: "never" }, hint: "The batches came in the data's own order: shuffle at the start of every epoch with the seeded generator, new NumpyRandom(options.seed) and its permutation(n)." },
    { slip: { shuffle: "once" }, hint: "The data was shuffled once and that order reused every epoch. Draw a new permutation at the start of EVERY epoch, from one generator made once before the loop." },
    { slip: { stepBeforeBackward: "zeroed" }, hint: "The update ran before backward, on gradients that were just zeroed, so no weight ever moved. The order is zeroGrad, forward, loss, backward, THEN step." },
    { slip: { stepBeforeBackward: "stale" }, hint: "The update ran before backward, on the previous batch's gradients. The order is zeroGrad, forward, loss, backward, THEN step." },
    { slip: { lossAfterStep: true }, hint: "Those are the losses after each update. Record the loss the step computed, before the update, as fit does." },
    { slip: { dropLast: true }, hint: `The last, smaller batch of each epoch is missing: ${n} examples in batches of ${run.batchSize} make ${full + 1} batches, the last one of ${last}. Keep it, as fit does.` },
  ];
}
const slipLosses = (run: RunOptions) => () => slips(run).map(({ slip, hint }) => ({ value: runLoop(slip, run).loss, hint }));

/** The check of trainLoop's loss per step with `run`'s options: fit's, to 1e-9, naming the slip it matches. */
const lossItem = (run: RunOptions, hint: string) => [lossLabel(run), {
  label: lossLabel(run),
  from: (a: { readonly [name: string]: unknown }, read: (what: string, value: unknown) => unknown) => trainLoopRun(a, read, run, "loss"),
  array: () => fitReference(run).loss,
  tolerance: 1e-9,
  mistakes: slipLosses(run),
  hint,
}] as const;

export const key09: AnswerKey = {
  "ch09-count": {
    items: [
      ["iterationsPerEpoch", { number: 40, mistakes: [
        { value: 8000, hint: "That is one update per example. Each update uses a whole minibatch of 200: divide." },
        { value: 200, hint: "That is the batch size. How many batches of 200 fit in 8,000 examples?" },
        { value: 0.025, hint: "Upside down: 8000 / 200, not 200 / 8000." },
      ], hint: "How many minibatches of 200 fit in 8,000 examples?" }],
      ["totalUpdates", { number: 120, mistakes: [
        { value: 24000, hint: "That counts examples (8,000 × 3). Count minibatch updates: 40 per epoch." },
      ], hint: "One update per minibatch, 40 minibatches per epoch, 3 epochs." }],
      ["parameterCount", { number: 39760, mistakes: [
        { value: 39700, hint: "The biases are missing: b1 has 50 numbers and b2 has 10." },
        { value: 39200, hint: "That is W1 alone. Add b1 (50), W2 (50 × 10) and b2 (10)." },
        { value: 844, hint: "That counts units (784 + 50 + 10), not weights. Every input connects to every hidden unit." },
      ], hint: "W1 has 784 × 50 numbers; add b1, W2 and b2." }],
    ],
  },
  "ch09-accuracy": {
    items: [
      ["accuracy([1, 2, 3, 4], [1, 2, 0, 4])", { label: "accuracy([1, 2, 3, 4], [1, 2, 0, 4])", from: (a) => call(a, [1, 2, 3, 4], [1, 2, 0, 4]), number: 0.75, mistakes: [
        { value: 3, hint: "That is how many are right. Divide by the number of examples." },
        { value: 0.25, hint: "That is the error rate, the fraction that is wrong." },
        { value: 75, hint: "Return a fraction between 0 and 1, not a percentage." },
      ], hint: "The fraction of positions where predicted and labels agree." }],
      ["accuracy([7, 7], [7, 7])", { label: "accuracy([7, 7], [7, 7])", from: (a) => call(a, [7, 7], [7, 7]), number: 1 }],
    ],
  },
  "ch09-train-loop": {
    items: [
      lossItem(MAIN_RUN, "One loss per minibatch: for each epoch a fresh permutation, then for each batch of rows zeroGrad, forward, loss, backward, step, and push the loss."),
      [weightsLabel(MAIN_RUN), {
        label: weightsLabel(MAIN_RUN),
        from: (a, read) => trainLoopRun(a, read, MAIN_RUN, "weights"),
        array: () => fitReference(MAIN_RUN).weights,
        tolerance: 1e-9,
        hint: "The losses match but the weights do not: exactly one options.optimizer.step() per batch, after its backward, and no other change to the model.",
      }],
      lossItem(OTHER_RUN, "Right with the first options, wrong with these: read epochs, batchSize, seed and optimizer from options instead of fixed numbers."),
    ],
  },
};
