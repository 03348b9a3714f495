// Answer key of 06-vectorized-backprop: lesson 002's 3→4→1 network seeded as numpy seeds it (42), one example, then a batch of three.
//
// The weights are redrawn here from the seed and the gradients come from the module's autograd, so no check
// reads a value an editable cell computed. The learner derives every backward line before seeing it, so each
// line's key lists the wrong derivations it invites (computed from the same forward values), each named.

import type { AnswerKey } from "../key";
import { missingTranspose } from "./derivation-mistakes";
import type { Mistake } from "../check-number";
import type { ArrayAnswer } from "../check-array";
import { Matrix } from "../../core/matrix";
import { NumpyRandom } from "../../core/random";
import { Tensor, tensor } from "../../tensor/tensor";
import { matmul } from "../../tensor/matmul";
import { add, mul, sub } from "../../tensor/arithmetic";
import { relu } from "../../tensor/activations";
import { sum } from "../../tensor/reduce";

function weights(): { W1: Matrix; W2: Matrix } {
  const rng = new NumpyRandom(42);
  const W1 = new Matrix(4, 3, rng.randn(4, 3)).mul(0.1);
  const W2 = new Matrix(1, 4, rng.randn(1, 4)).mul(0.1);
  return { W1, W2 };
}
const asMatrix = (t: Tensor) => new Matrix(t.shape[0], t.shape[1], t.data);
const gradOf = (t: Tensor) => new Matrix(t.shape[0], t.shape[1], t.grad!);
const mask = (z: Matrix) => z.map((v) => (v > 0 ? 1 : 0));
const X = Matrix.from([[1], [2], [3]]);
const XBATCH = Matrix.from([[1, 0, 2], [2, 1, 0], [3, 1, 1]]);

type Single = { W2: Matrix; z1: Matrix; a1: Matrix; dz2: Matrix; dW2: Matrix; da1: Matrix; dz1: Matrix; dW1: Matrix };
let single: Single | undefined;
function one(): Single {
  if (single) return single;
  const { W1, W2 } = weights();
  const rW1 = new Tensor(W1.data, [4, 3], { requiresGrad: true }), rW2 = new Tensor(W2.data, [1, 4], { requiresGrad: true });
  const rz1 = matmul(rW1, tensor(X.toArray())), ra1 = relu(rz1), rz2 = matmul(rW2, ra1);
  const rd = sub(rz2, 1);
  mul(0.5, mul(rd, rd)).backward();
  single = { W2, z1: asMatrix(rz1), a1: asMatrix(ra1), dz2: gradOf(rz2), dW2: gradOf(rW2), da1: gradOf(ra1), dz1: gradOf(rz1), dW1: gradOf(rW1) };
  return single;
}

type Batch = { dz1: Matrix; dW: Matrix; db: Matrix };
let batch: Batch | undefined;
function many(): Batch {
  if (batch) return batch;
  const { W1, W2 } = weights();
  const bW1 = new Tensor(W1.data, [4, 3], { requiresGrad: true }), bb1 = Tensor.zeros(4, 1, { requiresGrad: true });
  const bz1 = add(matmul(bW1, tensor(XBATCH.toArray())), bb1);
  const bz2 = matmul(new Tensor(W2.data, [1, 4]), relu(bz1));
  const bd = sub(bz2, tensor([[1, 0, 1]]));
  mul(0.5, sum(mul(bd, bd))).backward();
  batch = { dz1: gradOf(bz1), dW: gradOf(bW1), db: gradOf(bb1) };
  return batch;
}

/** Known wrong derivations as [value, what went wrong] pairs, turned into the key's mistakes when a check runs. */
const catalogue = (list: () => [Matrix, string][]) => (): Mistake<ArrayAnswer>[] => list().map(([value, hint]) => ({ value, hint }));

export const key06: AnswerKey = {
  "ch06-backward": {
    items: [
      ["dz2", { array: () => one().dz2, mistakes: catalogue(() => [
        [one().dz2.mul(2), "Twice too large: the ½ in L = ½(z2 − y)² cancels the 2 that the square brings down."],
        [one().dz2.neg(), "Wrong sign: differentiate (z2 − y)² with respect to z2, not y; raising z2 above y must raise the loss."],
      ]), hint: "dz2 = z2 − y: the ½ cancels the 2 of the square." }],
      ["dW2", { array: () => one().dW2, mistakes: catalogue(() => [
        [one().a1.matmul(one().dz2), missingTranspose("dW2", "[4, 1]", "W2's [1, 4]")],
        [one().a1.T, "The upstream gradient is missing: local derivative (a1 on each wire) × upstream dz2."],
        [one().dz2.matmul(one().z1.T), "That used z1, the pre-activation. The input on the wires into z2 is a1 = ReLU(z1)."],
      ]), hint: "dW2 = dz2 @ a1ᵀ: [1, 1] @ [1, 4] → [1, 4], dz2 times the input on each wire." }],
      ["da1", { array: () => one().da1, mistakes: catalogue(() => [
        [one().dz2.matmul(one().W2), missingTranspose("da1", "[1, 4]", "a1's [4, 1]")],
        [one().W2.T, "The upstream gradient is missing: local derivative (the weight on each wire) × upstream dz2."],
      ]), hint: "da1 = W2ᵀ @ dz2: [4, 1] @ [1, 1] → [4, 1]; going back through a weight matrix multiplies by its transpose." }],
      ["dz1", { array: () => one().dz1, mistakes: catalogue(() => [
        [one().da1, "ReLU's local derivative (its mask) is missing: hidden unit 4 has z1 < 0, so ReLU passed nothing forward and passes no gradient back. Multiply by (z1 > 0 ? 1 : 0)."],
        [one().da1.mul(one().a1), "You multiplied by ReLU's output a1. Its local derivative is its slope: 1 where z1 > 0, else 0."],
        [one().da1.mul(one().z1), "You multiplied by z1 itself. ReLU's local derivative is its slope: 1 where z1 > 0, else 0."],
        [one().da1.mul(one().z1.map((v) => (v > 0 ? 0 : 1))), "The mask is inverted: keep the gradient where z1 > 0 and zero it where z1 ≤ 0."],
      ]), hint: "dz1 = da1 ⊙ 1[z1 > 0], element by element." }],
      ["dW1", { array: () => one().dW1, mistakes: catalogue(() => [
        [X.matmul(one().dz1.T), missingTranspose("dW1", "[3, 4]", "W1's [4, 3]")],
        [one().da1.matmul(X.T), "This used da1, before ReLU's mask, so the inactive unit 4 still gets gradient. Use dz1."],
      ]), hint: "dW1 = dz1 @ Xᵀ: [4, 1] @ [1, 3] → [4, 3], the shape of W1." }],
    ],
  },
  "ch06-batch": {
    items: [
      ["dWb1", { array: () => many().dW, mistakes: catalogue(() => [
        [XBATCH.matmul(many().dz1.T), missingTranspose("dWb1", "[3, 4]", "W1's [4, 3]")],
        [many().dz1.matmul(XBATCH), "Xbatch is missing its transpose. Xbatch happens to be square, so the shape cannot tell: entry (j, i) must pair hidden unit j's δ with input i of the SAME example, summed over the examples, which needs Xbatchᵀ."],
        [many().dW.div(3), "That is the mean over the batch. The loss here is the plain sum L = ½ Σ (z2 − y)², so its gradient has no 1/N."],
        [many().dz1.matmul(XBATCH.T.mul(Matrix.from([[1, 1, 1], [0, 0, 0], [0, 0, 0]]))), "Only the first example is counted. Every example contributes to the shared W1; the matrix product over the batch adds them all."],
      ]), hint: "dW1 = dz1 @ Xᵀ as before: [4, 3] @ [3, 3]. The matrix product already adds up the examples' contributions." }],
      ["db1batch", { array: () => many().db, mistakes: catalogue(() => [
        [many().dz1, "Forgot to sum over the batch: this still has one column per example. b1 is broadcast, added to every column, so its gradient adds up the columns: .sum(1)."],
        [many().dz1.sum(0), "Summed over the hidden units (down each column) instead of over the examples: b1 has one entry per hidden unit, [4, 1]."],
        [many().db.div(3), "That is the mean over the batch. With the summed loss L = ½ Σ (z2 − y)², the bias gradient is the plain sum (a mean loss would divide by N, and so would its gradient)."],
      ]), hint: "The bias is shared by every example, so its gradient is the SUM of the examples' δ columns: dz1.sum(1) gives [4, 1]." }],
    ],
  },
  "ch06-mse-factor": {
    items: [
      ["lossFactor", { number: 2, mistakes: [
        { value: 1, hint: "With one output, mean((ŷ − y)²) is just (ŷ − y)²: compare it with ½(ŷ − y)²." },
        { value: 0.5, hint: "The other way round: MSELoss has no ½, so it is the LARGER one." },
        { value: 4, hint: "Only the ½ differs; the square is the same in both." },
      ], hint: "Compare mean((ŷ − y)²) over one value with ½(ŷ − y)²." }],
      ["gradFactor", { number: 2, mistakes: [
        { value: 4, hint: "Differentiate each: d/dŷ (ŷ − y)² = 2(ŷ − y) and d/dŷ ½(ŷ − y)² = ŷ − y." },
        { value: 1, hint: "The ½ is a constant factor, so it scales the gradient too: 2(ŷ − y) against ŷ − y." },
      ], hint: "Differentiate both losses with respect to ŷ." }],
    ],
  },
};
