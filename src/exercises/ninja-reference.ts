// Notebook 12's network rebuilt from its seeds (32 digits, 784 → 24 → batch norm → tanh → 10) with autograd's gradient of every tensor.
//
// The answer key reads its expected gradients from here, so nothing depends on a value an editable cell computed.
// Built only when first asked for (a check runs), never at import.

import { Matrix } from "../core/matrix";
import { NumpyRandom } from "../core/random";
import { loadDigits } from "../data/digits";
import { Tensor } from "../tensor/tensor";

export const NINJA = { N: 32, D: 784, H: 24, C: 10, EPS: 1e-5, SEED: 12 } as const;

/** Every forward value of the notebook's graph, in forward order, as tensors carrying autograd's gradient. */
export interface NinjaGraph {
  X: Tensor; W1: Tensor; b1: Tensor; gamma: Tensor; beta: Tensor; W2: Tensor; b2: Tensor; Y: Tensor;
  hPre: Tensor; mu: Tensor; diff: Tensor; diffSq: Tensor; variance: Tensor; std: Tensor; xHat: Tensor; hBn: Tensor;
  h: Tensor; logits: Tensor; counts: Tensor; countsSum: Tensor; probs: Tensor; logProbs: Tensor; loss: Tensor;
}

/** The same draws, in the same order, as the notebook's locked cells. */
export function buildNinjaGraph(): NinjaGraph {
  const { N, D, H, C, EPS, SEED } = NINJA;
  const digits = loadDigits({ seed: 0, train: N, validation: 0, test: 0 }).train;
  const X = Tensor.of(digits.x, { requiresGrad: true });
  const oneHot = Matrix.zeros(N, C);
  digits.y.forEach((label, i) => oneHot.set(i, label, 1));
  const Y = Tensor.of(oneHot);
  const rng = new NumpyRandom(SEED);
  const param = (rows: number, cols: number, scale: number, shift = 0) =>
    new Tensor(rng.randn(rows, cols).map((v) => v * scale + shift), [rows, cols], { requiresGrad: true });
  const W1 = param(D, H, 0.05), b1 = param(1, H, 0.1);
  const gamma = param(1, H, 0.1, 1), beta = param(1, H, 0.1);
  const W2 = param(H, C, 0.2), b2 = param(1, C, 0.1);
  const hPre = X.matmul(W1).add(b1);
  const mu = hPre.mean(0);
  const diff = hPre.sub(mu);
  const diffSq = diff.mul(diff);
  const variance = diffSq.mean(0);
  const std = variance.add(EPS).sqrt();
  const xHat = diff.div(std);
  const hBn = xHat.mul(gamma).add(beta);
  const h = hBn.tanh();
  const logits = h.matmul(W2).add(b2);
  const counts = logits.exp();
  const countsSum = counts.sum(1);
  const probs = counts.div(countsSum);
  const logProbs = probs.log();
  const loss = logProbs.mul(Y).sum().mul(-1 / N);
  loss.backward();
  return { X, W1, b1, gamma, beta, W2, b2, Y, hPre, mu, diff, diffSq, variance, std, xHat, hBn, h, logits, counts, countsSum, probs, logProbs, loss };
}

let memo: NinjaGraph | undefined;

/** The graph, built on first use and kept for the kernel's lifetime. */
export function ninjaGraph(): NinjaGraph {
  memo ??= buildNinjaGraph();
  return memo;
}

/** A forward value as a Matrix (shares the tensor's numbers). */
export const valueOf = (t: Tensor): Matrix => Matrix.of(t);

/** Autograd's gradient of a tensor as a Matrix. */
export function gradOf(t: Tensor): Matrix {
  if (t.grad === null) throw new Error(`gradOf: the tensor ${t.shape.join("×")} has no gradient; run backward() first`);
  return new Matrix(t.rows, t.cols, t.grad);
}
