// Answer key of 08-two-layer-softmax: the seeded 5-example batch (NumpyRandom(0), N 5, D 4, H 3, C 10, reg 0.05).
//
// Everything is rebuilt here from the seed, as the notebook's locked cells build it, so no check depends on a
// value an editable cell computed. The learner derives dScores and the backward lines before seeing them, so each
// line lists the wrong derivations it invites (missing 1/N, missing transpose, a sum over the batch forgotten…), each named.

import type { AnswerKey } from "../key";
import { missingTranspose } from "./derivation-mistakes";
import { Matrix } from "../../core/matrix";
import { NumpyRandom } from "../../core/random";
import { softmaxLoss } from "../../nn/two-layer-net";

const N = 5, D = 4, H = 3, C = 10, REG = 0.05;
const LABELS = [0, 3, 7, 3, 9];

type Ref = { X: Matrix; W1: Matrix; W2: Matrix; b2: Matrix; z1: Matrix; h: Matrix; probs: Matrix; hot: Matrix; dS: Matrix; mask: Matrix };
let memo: Ref | undefined;
function ref(): Ref {
  if (memo) return memo;
  const rng = new NumpyRandom(0);
  const X = new Matrix(N, D, rng.randn(N, D));
  const W1 = new Matrix(D, H, rng.randn(D, H)).mul(0.5);
  const b1 = new Matrix(1, H, rng.randn(1, H)).mul(0.1);
  const W2 = new Matrix(H, C, rng.randn(H, C)).mul(0.5);
  const b2 = new Matrix(1, C, rng.randn(1, C)).mul(0.1);
  const z1 = X.matmul(W1).add(b1);
  const h = z1.map((v) => Math.max(0, v));
  const scores = h.matmul(W2).add(b2);
  const exps = scores.sub(scores.max(1)).map(Math.exp);
  const probs = exps.div(exps.sum(1));
  const hot = Matrix.zeros(N, C);
  LABELS.forEach((label, i) => hot.set(i, label, 1));
  memo = { X, W1, W2, b2, z1, h, probs, hot, dS: softmaxLoss(scores, LABELS).dScores, mask: z1.map((v) => (v > 0 ? 1 : 0)) };
  return memo;
}
const dh = () => ref().dS.matmul(ref().W2.T);
const dz1 = () => dh().mul(ref().mask);
function rowsSumToZero(m: unknown): boolean {
  const { shape, data } = (m ?? {}) as { shape?: number[]; data?: number[] };
  if (!shape || !data || shape.length !== 2) return false;
  for (let r = 0; r < shape[0]; r++) {
    let sum = 0;
    for (let c = 0; c < shape[1]; c++) sum += data[r * shape[1] + c];
    if (Math.abs(sum) >= 1e-12) return false;
  }
  return true;
}
const shapeOf = (m: unknown) => (m !== null && typeof m === "object" ? (m as { shape?: unknown }).shape : undefined);

const NOT_SUMMED = (name: string, bias: string, shape: string) =>
  `Forgot to sum over the batch: ${name} still has one row per example. ${bias} is added to every row (broadcast), so its gradient adds up the rows: .sum(0) gives ${shape}.`;
const DIVIDED_AGAIN = (name: string) => `${name} is N = 5 times too small: dScores already holds the 1/N of the mean; do not divide again.`;

export const key08: AnswerKey = {
  "ch08-dscores": {
    items: [
      ["dScores", { array: () => ref().dS, mistakes: () => {
        const { probs, hot } = ref();
        return [
          { value: probs.sub(hot), hint: "Missing 1/N: every row is N = 5 times too large. The data loss is the mean over the batch, so each example's gradient carries a factor 1/N." },
          { value: probs.div(N), hint: "The correct class's −1 is missing: the term −S[i, y_i] of each example's loss gives −1 at its correct class, and only there." },
          { value: hot.sub(probs).div(N), hint: "Wrong sign. Raising the correct class's score must lower the loss, so its entry must be negative." },
          { value: probs.sub(hot).div(C), hint: "Divided by C = 10, the number of classes. The mean runs over the N = 5 examples." },
          { value: probs, hint: "That is P itself: both the −1 at each correct class and the 1/N of the mean are missing." },
          { value: probs.sub(1).div(N), hint: "1 was subtracted from every entry. Only the correct class's score appears in −S[i, y_i], so the −1 belongs at j = y_i alone." },
          { value: hot.neg().div(N), hint: "Only −S[i, y_i] was differentiated. log Σₖ exp(S[i, k]) depends on every score of the row too, and its derivative with respect to S[i, j] is P[i, j]." },
          { value: hot.mul(probs).sub(hot).div(N), hint: "Only the diagonal of softmax's derivative: the correct class's probability also falls when any other score rises, so every class of the row gets gradient, not only the correct one." },
        ];
      }, hint: "dScores = (P − Y)/N with Y the one-hot labels: copy probs, subtract 1 at each example's correct class, divide by N." }],
    ],
  },
  // The instructor's hidden test: every row of dScores sums to 0 (read from the answer's data, not its methods).
  "ch08-dscores-rows": {
    answer: "ch08-dscores",
    items: [["every row of dScores sums to 0", { label: "every row of dScores sums to 0", boolean: true, from: (a) => rowsSumToZero(a.dScores) }]],
  },
  "ch08-layer2": {
    answer: "ch08-backward",
    items: [
      ["dW2", { array: () => ref().h.T.matmul(ref().dS).add(ref().W2.mul(REG)), mistakes: () => {
        const { h, z1, dS, W2 } = ref();
        const hTdS = h.T.matmul(dS);
        return [
          { value: dS.T.matmul(h).add(W2.T.mul(REG)), hint: missingTranspose("dW2", "[10, 3]", "W2's [3, 10]") },
          { value: hTdS, hint: "The regularization term is missing: the loss holds ½·reg·ΣW2², whose gradient is reg·W2. Add W2.mul(reg)." },
          { value: hTdS.add(W2.mul(2 * REG)), hint: "The gradient of ½·reg·W2² is reg·W2: the ½ cancels the 2." },
          { value: z1.T.matmul(dS).add(W2.mul(REG)), hint: "That used z1, the pre-activation. The input of the second layer is h = ReLU(z1)." },
          { value: hTdS.div(N).add(W2.mul(REG)), hint: DIVIDED_AGAIN("The data part of dW2") },
        ];
      }, hint: "dW2 = hᵀ · dScores + reg·W2: [3, 5] @ [5, 10] → [3, 10]. If dScores failed its check above, fix it first." }],
      ["db2's shape", { label: "db2's shape", from: (a) => shapeOf(a.db2), array: [1, C], mistakes: [
        { value: [N, 1], hint: "db2 was summed along the classes (axis 1). b2 is added to every row, so its gradient sums over the rows: dScores.sum(0)." },
        { value: [N, C], hint: NOT_SUMMED("db2", "b2", "[1, 10]") },
      ] }],
      ["db2", { array: () => ref().dS.sum(0), mistakes: () => [
        { value: ref().dS.sum(0).add(ref().b2.mul(REG)), hint: "Biases are not regularized: no reg term in db2." },
        { value: ref().dS.sum(0).div(N), hint: DIVIDED_AGAIN("db2") },
      ], hint: "db2 = the column sums of dScores." }],
    ],
  },
  "ch08-hidden": {
    answer: "ch08-backward",
    items: [
      ["dh", { array: dh, mistakes: () => [
        { value: ref().W2.matmul(ref().dS.T), hint: missingTranspose("dh", "[3, 5]", "h's [5, 3]") },
        { value: dz1(), hint: "That is dh with ReLU's mask already applied (dz1). dh is the gradient at h, before the ReLU." },
      ], hint: "dh = dScores · W2ᵀ: [5, 10] @ [10, 3] → [5, 3]." }],
      ["dz1", { array: dz1, mistakes: () => [
        { value: dh(), hint: "ReLU's local derivative (its mask) is missing: the gradient passes only where z1 > 0; multiply dh by z1.map((v) => (v > 0 ? 1 : 0))." },
        { value: dh().mul(ref().h), hint: "You multiplied by ReLU's output h. Its local derivative is its slope: 1 where z1 > 0, else 0." },
        { value: dh().mul(ref().z1), hint: "You multiplied by z1 itself. ReLU's local derivative is its slope: 1 where z1 > 0, else 0." },
        { value: dh().mul(ref().z1.map((v) => (v > 0 ? 0 : 1))), hint: "The mask is inverted: keep the gradient where z1 > 0 and zero it where z1 ≤ 0." },
      ], hint: "dz1 = dh ⊙ 1[z1 > 0]." }],
    ],
  },
  "ch08-layer1": {
    answer: "ch08-backward",
    items: [
      ["dW1", { array: () => ref().X.T.matmul(dz1()).add(ref().W1.mul(REG)), mistakes: () => {
        const { X, W1 } = ref();
        return [
          { value: dz1().T.matmul(X).add(W1.T.mul(REG)), hint: missingTranspose("dW1", "[3, 4]", "W1's [4, 3]") },
          { value: X.T.matmul(dz1()), hint: "The regularization term reg·W1 is missing." },
          { value: X.T.matmul(dh()).add(W1.mul(REG)), hint: "This used dh, before ReLU's mask. Use dz1." },
          { value: X.T.matmul(dz1()).add(W1.mul(2 * REG)), hint: "The gradient of ½·reg·W1² is reg·W1, not 2·reg·W1." },
        ];
      }, hint: "dW1 = Xᵀ · dz1 + reg·W1: [4, 5] @ [5, 3] → [4, 3]." }],
      ["db1's shape", { label: "db1's shape", from: (a) => shapeOf(a.db1), array: [1, H], mistakes: [
        { value: [N, 1], hint: "db1 was summed along the hidden units (axis 1). Sum over the rows: dz1.sum(0)." },
        { value: [N, H], hint: NOT_SUMMED("db1", "b1", "[1, 3]") },
      ] }],
      ["db1", { array: () => dz1().sum(0), mistakes: () => [
        { value: dh().sum(0), hint: "This sums dh, before ReLU's mask. Sum dz1." },
        { value: dz1().sum(0).div(N), hint: DIVIDED_AGAIN("db1") },
      ], hint: "db1 = the column sums of dz1." }],
    ],
  },
};
