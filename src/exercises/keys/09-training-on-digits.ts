// Answer key of 09-training-on-digits: 8,000 training digits, batch 200, 3 epochs, a 784→50→10 network.

import type { AnswerKey } from "../key";

type Accuracy = (predicted: readonly number[], labels: readonly number[]) => unknown;
const call = (a: { readonly [name: string]: unknown }, predicted: number[], labels: number[]) => (a.accuracy as Accuracy)(predicted, labels);

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
};
