// Answer key of 08b-sanity-checks-and-debugging: the loss a fresh 10-class network starts at, and the debugging table.

import type { AnswerKey } from "../key";

export const key08b: AnswerKey = {
  "ch08-initial-loss": {
    items: [["expectedInitialLoss", { number: Math.log(10), mistakes: [
      { value: 0.1, hint: "0.1 is the probability of each class. The loss is −log of the correct class's probability." },
      { value: -Math.log(10), hint: "Wrong sign: the loss is −log(1/10) = +ln 10, and a loss is never negative." },
      { value: 1, hint: "That is log₁₀(10). Cross-entropy uses the natural logarithm, Math.log." },
      { value: Math.log(10) / 10, hint: "Every example contributes −log(1/10); the mean over examples is −log(1/10) itself, not a tenth of it." },
    ], hint: "Equal scores → softmax gives each class 1/10 → the loss of every example is −log(1/10)." }]],
  },
  "ch08-diagnose": {
    items: [["diagnosis", { matching: { gradCheckFails: "B", nanValues: "D", lossIncreases: "A", lossFlat: "C" }, hints: {
      gradCheckFails: "The gradient check compares the backward pass with the loss itself; only the backward pass can be wrong there.",
      nanValues: "NaN comes from ∞/∞ or ∞ − ∞: something overflowed.",
      lossIncreases: "A loss that rises steadily is being climbed: look at the sign of the step.",
      lossFlat: "A flat loss with healthy gradients means the steps are too short.",
    } }]],
  },
};
