// Answer key of 06-vectorized-backprop: lesson 002's 3→4→1 network seeded as numpy seeds it (42), one example, then a batch of three.
//
// The weights are redrawn here from the seed and the gradients come from the module's autograd, so no check
// reads a value an editable cell computed.

import type { AnswerKey } from "../key";
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
const rows = (g: Float64Array, cols: number) => Array.from({ length: g.length / cols }, (_, r) => Array.from(g.slice(r * cols, r * cols + cols)));
const col = (g: Float64Array) => Array.from(g, (v) => [v]);

let single: { dz2: number; dW2: number[]; da1: number[][]; dz1: number[][]; dW1: number[][] } | undefined;
function one() {
  if (single) return single;
  const { W1, W2 } = weights();
  const rW1 = new Tensor(W1.data, [4, 3], { requiresGrad: true }), rW2 = new Tensor(W2.data, [1, 4], { requiresGrad: true });
  const rz1 = matmul(rW1, tensor([[1], [2], [3]])), ra1 = relu(rz1), rz2 = matmul(rW2, ra1);
  const rd = sub(rz2, 1);
  mul(0.5, mul(rd, rd)).backward();
  single = { dz2: rz2.grad![0], dW2: Array.from(rW2.grad!), da1: col(ra1.grad!), dz1: col(rz1.grad!), dW1: rows(rW1.grad!, 3) };
  return single;
}

let batch: { dW: number[][]; db: number[][] } | undefined;
function many() {
  if (batch) return batch;
  const { W1, W2 } = weights();
  const bW1 = new Tensor(W1.data, [4, 3], { requiresGrad: true }), bb1 = Tensor.zeros(4, 1, { requiresGrad: true });
  const bz2 = matmul(new Tensor(W2.data, [1, 4]), relu(add(matmul(bW1, tensor([[1, 0, 2], [2, 1, 0], [3, 1, 1]])), bb1)));
  const bd = sub(bz2, tensor([[1, 0, 1]]));
  mul(0.5, sum(mul(bd, bd))).backward();
  batch = { dW: rows(bW1.grad!, 3), db: rows(bb1.grad!, 1) };
  return batch;
}

export const key06: AnswerKey = {
  "ch06-backward": {
    items: [
      ["dz2", { array: () => [[one().dz2]], mistakes: () => [{ value: [[2 * one().dz2]], hint: "The ½ in L = ½(z2 − y)² cancels the 2 from the square: dz2 = z2 − y." }], hint: "dz2 = z2 − y." }],
      ["dW2", { array: () => [one().dW2], hint: "dW2 = dz2 @ a1ᵀ: δ times the input on each wire, shaped like W2 [1, 4]." }],
      ["da1", { array: () => one().da1, hint: "da1 = W2ᵀ @ dz2: back through a weight matrix means multiplying by its transpose." }],
      ["dz1", { array: () => one().dz1, mistakes: () => [{ value: one().da1, hint: "The ReLU mask is missing: hidden unit 4 has z1 < 0, so ReLU passed nothing forward and passes no gradient back. Multiply by (z1 > 0 ? 1 : 0)." }], hint: "dz1 = da1 ⊙ 1[z1 > 0]." }],
      ["dW1", { array: () => one().dW1, hint: "dW1 = dz1 @ Xᵀ: [4, 1] @ [1, 3] gives [4, 3], the shape of W1." }],
    ],
  },
  "ch06-batch": {
    items: [
      ["dWb1", { array: () => many().dW, hint: "dW1 = dz1 @ Xᵀ as before: [4, 3] @ [3, 3]. The matrix product already adds up the examples' contributions." }],
      ["db1batch", { array: () => many().db, mistakes: () => [
        { value: many().db.map(([v]) => [v / 3]), hint: "That is the mean over the batch. With the summed loss L = ½ Σ (z2 − y)², the bias gradient is the plain sum (a mean loss would divide by N, and so would its gradient)." },
      ], hint: "The bias is shared by every example, so its gradient is the SUM of the examples' δ columns: dz1.sum(1) gives [4, 1]." }],
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
