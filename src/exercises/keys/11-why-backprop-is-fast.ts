// Answer key of 11-why-backprop-is-fast: forward-mode gradients of the small MLP, the cost of finite differences, why backprop wins.

import type { AnswerKey } from "../key";
import { NumpyRandom } from "../../core/random";

const INPUTS = [[0.5, -1], [1.5, 0.3], [-0.7, 0.8], [0.1, 2]];
const TARGETS = [1, -1, 0.5, 2];

/** The notebook's MLP loss, written out independently of the learner's cells. */
function refLoss(q: number[], H: number): number {
  return INPUTS.reduce((total, x, n) => {
    let out = q[3 * H];
    for (let j = 0; j < H; j++) out += Math.max(0, q[j] * x[0] + q[H + j] * x[1] + q[2 * H + j]) * q[3 * H + 1 + j];
    return total + (out - TARGETS[n]) ** 2;
  }, 0);
}
const refGrad = (q: number[], H: number, h = 1e-6): number[] =>
  q.map((_, i) => (refLoss(q.map((v, k) => (k === i ? v + h : v)), H) - refLoss(q.map((v, k) => (k === i ? v - h : v)), H)) / (2 * h));
const q3 = () => Array.from(new NumpyRandom(0).randn(13));
const label = "forwardModeGradient(p, 3)";

const q5 = () => Array.from(new NumpyRandom(7).randn(21));
const hiddenLabel = "forwardModeGradient(p, 5)";

export const key11: AnswerKey = {
  // The instructor's hidden test (its check call is removed from every release).
  "ch11-forward-mode-hidden": {
    answer: "ch11-forward-mode",
    items: [[hiddenLabel, { label: hiddenLabel, tolerance: 1e-6, from: (a, read) => read(hiddenLabel, (a.forwardModeGradient as (p: number[], H: number) => unknown)(q5(), 5)), array: () => refGrad(q5(), 5) }]],
  },
  "ch11-forward-mode": {
    items: [[label, { label, tolerance: 1e-6, from: (a, read) => read(label, (a.forwardModeGradient as (p: number[], H: number) => unknown)(q3(), 3)), array: () => refGrad(q3(), 3), mistakes: () => {
      const want = refGrad(q3(), 3);
      const sum = want.reduce((s, g) => s + g, 0);
      return [
        { value: want.map(() => sum), hint: "Every entry is the sum of all the partial derivatives: every parameter was seeded with derivative 1 in the same pass. Seed only parameter i (derivative 1), all others 0." },
        { value: want.map(() => refLoss(q3(), 3)), hint: "Every entry is the loss itself: read the result's .derivative, not its .value." },
      ];
    }, hint: "Seed parameter i alone with derivative 1 (all others 0), run the loss, read .derivative; once per parameter." }]],
  },
  "ch11-billion": {
    items: [
      ["finiteDifferencePasses", { function: (P) => 2 * P, at: [1, 13, 257, 1e9], mistakes: [
        { value: (P) => P, hint: "One pass per parameter is forward mode. A central difference evaluates the loss twice per parameter: at p + h and at p − h." },
        { value: (P) => P + 1, hint: "That counts one-sided differences (one base pass plus one per parameter). The centred difference needs 2 passes per parameter." },
        { value: (P) => 2 * P + 1, hint: "Central differences need no extra base pass: just L(p + h·eᵢ) and L(p − h·eᵢ) for every i." },
      ], hint: "Two forward passes per parameter." }],
      ["speedupFor1B", { number: 5e8, tolerance: 1e-9, mistakes: [
        { value: 2e9, hint: "That treats backpropagation as free. It costs 1 forward pass + 1 backward pass ≈ 1 + 3 = 4 forward passes: divide by 4." },
        { value: 1e9, hint: "That divides 2·10⁹ by 2 (one forward + one backward, each counted as one forward pass). Here the backward pass costs 3 forward passes: 1 + 3 = 4." },
        { value: 2e9 / 3, hint: "Add the forward pass too: backprop is 1 forward + 1 backward ≈ 1 + 3 = 4 forward passes." },
        { value: 2.5e8, hint: "Finite differences need 2 passes per parameter, so 2·10⁹ in all, not 10⁹." },
      ], hint: "speedup = (passes for finite differences) / (1 + 3)." }],
    ],
  },
  "ch11-why-faster": {
    items: [["whyFaster", { choice: "B", choices: ["A", "B", "C", "D"], hints: {
      A: "Backpropagation is exact (up to floating-point rounding). It is finite differences that approximate, and they are the slow method.",
      C: "Backpropagation computes every gradient, small or not; the saving comes from reuse, not from skipping.",
      D: "Running N forward passes, in parallel or not, is still N passes of work. Backpropagation needs one forward and one backward pass in total.",
    } }]],
  },
};
