/**
 * Backprop by hand, in the lessons' form (CS231n's two-layer net, llm.c's layer shape): every forward returns
 * { out, cache } and every backward takes (dOut, cache) and returns the gradients. No autograd here, so a notebook
 * can set these lines beside the Tensor engine and compare.
 * L2 convention: loss += ½·reg·ΣW² (CS231n assignment 2's fc_net; older assignment-1 versions too), so dW += reg·W,
 * which is also what SGD's weightDecay and fit's l2 do. Biases are not regularized.
 */
import { addScaled } from "../core/elementwise";
import { matmul, Matrix } from "../core/matrix";
import { NumpyRandom } from "../core/random";
import { sumSquares } from "../core/reduce";
import { formatShape, ShapeError } from "../core/shape";
import { checkLabels, Labels } from "../tensor/losses";
import { logSumExpRows } from "../tensor/softmax";

export interface AffineCache {
  x: Matrix; // [N, D]
  W: Matrix; // [D, M]
}

/** out = x W + b: x [N, D], W [D, M], b [1, M] → out [N, M] */
export function affineForward(x: Matrix, W: Matrix, b: Matrix): { out: Matrix; cache: AffineCache } {
  if (b.rows !== 1 || b.cols !== W.cols) {
    throw new ShapeError(`affineForward: b must be [1, ${W.cols}] to match W ${formatShape(W.shape)}, got b ${formatShape(b.shape)}`);
  }
  const out = matmul(x, W).add(b); // [N, M]
  return { out, cache: { x, W } };
}

/** The gradients of out = x W + b, given dOut [N, M]. */
export function affineBackward(dOut: Matrix, cache: AffineCache): { dX: Matrix; dW: Matrix; db: Matrix } {
  const { x, W } = cache;
  if (dOut.rows !== x.rows || dOut.cols !== W.cols) {
    throw new ShapeError(`affineBackward: dOut must be ${formatShape([x.rows, W.cols])} like out, got dOut ${formatShape(dOut.shape)}`);
  }
  const dX = matmul(dOut, W, { transB: true }); // dX = dOut Wᵀ   [N, M] @ [M, D]
  const dW = matmul(x, dOut, { transA: true }); // dW = xᵀ dOut   [D, N] @ [N, M]
  const db = dOut.sum(0); //                       db = Σ_rows dOut   [1, M]
  return { dX, dW, db };
}

/** out = max(0, x); the cache is x. */
export function reluForward(x: Matrix): { out: Matrix; cache: Matrix } {
  return { out: x.map((v) => (v > 0 ? v : 0)), cache: x };
}

/** dX = dOut where x > 0, else 0 (in the forward pass x ≤ 0 was cut to a constant, so nothing flows back). */
export function reluBackward(dOut: Matrix, cache: Matrix): Matrix {
  if (dOut.rows !== cache.rows || dOut.cols !== cache.cols) {
    throw new ShapeError(`reluBackward: dOut must have the shape of x ${formatShape(cache.shape)}, got dOut ${formatShape(dOut.shape)}`);
  }
  const dX = new Matrix(dOut.rows, dOut.cols);
  for (let i = 0; i < dX.data.length; i++) dX.data[i] = cache.data[i] > 0 ? dOut.data[i] : 0;
  return dX;
}

/**
 * Softmax cross-entropy averaged over the N rows: scores [N, C], y N labels in [0, C).
 * Returns the loss and dScores = (softmax(scores) − onehot(y)) / N.
 */
export function softmaxLoss(scores: Matrix, y: Labels): { loss: number; dScores: Matrix } {
  const [n, c] = scores.shape;
  if (n === 0) throw new ShapeError(`softmaxLoss: scores must have at least one row, got scores ${formatShape(scores.shape)}`);
  checkLabels("softmaxLoss", y, n, c);
  scores.expectFinite("softmaxLoss", "scores");
  const dScores = new Matrix(n, c);
  const s = scores.data;
  const p = dScores.data;
  const logZ = logSumExpRows(s, n, c, p); // p: the softmax of each row
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = i * c;
    loss += logZ[i] - s[o + y[i]]; // −log softmax of the right class
    for (let j = 0; j < c; j++) p[o + j] /= n;
    p[o + y[i]] -= 1 / n; // dScores = (softmax − onehot) / n
  }
  return { loss: loss / n, dScores };
}

export interface TwoLayerParams {
  W1: Matrix; // [D, H]
  b1: Matrix; // [1, H]
  W2: Matrix; // [H, C]
  b2: Matrix; // [1, C]
}

export interface TwoLayerGrads {
  dW1: Matrix;
  db1: Matrix;
  dW2: Matrix;
  db2: Matrix;
}

export interface TwoLayerCache {
  affine1: AffineCache;
  relu: Matrix;
  affine2: AffineCache;
}

/** affine → ReLU → affine → softmax, the network of CS231n's assignment 1, with its gradients written out. */
export class TwoLayerNet {
  params: TwoLayerParams;

  /** W = std · randn(D, H) (CS231n's default std 1e-4), b = 0, drawn from `rng` in the order W1, W2. */
  constructor(inputSize: number, hiddenSize: number, outputSize: number, rng: NumpyRandom, std = 1e-4) {
    for (const [name, v] of [["inputSize", inputSize], ["hiddenSize", hiddenSize], ["outputSize", outputSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`TwoLayerNet: ${name} must be a positive integer, got ${v}`);
    }
    const W1 = new Matrix(inputSize, hiddenSize, rng.randn(inputSize, hiddenSize)).mul(std);
    const W2 = new Matrix(hiddenSize, outputSize, rng.randn(hiddenSize, outputSize)).mul(std);
    this.params = { W1, b1: Matrix.zeros(1, hiddenSize), W2, b2: Matrix.zeros(1, outputSize) };
  }

  /** A network holding the given parameters (not copied). */
  static fromParams(params: TwoLayerParams): TwoLayerNet {
    const { W1, b1, W2, b2 } = params;
    if (W2.rows !== W1.cols || b1.cols !== W1.cols || b2.cols !== W2.cols || b1.rows !== 1 || b2.rows !== 1) {
      throw new ShapeError(
        `TwoLayerNet.fromParams: need W1 [D, H], b1 [1, H], W2 [H, C], b2 [1, C], got W1 ${formatShape(W1.shape)}, b1 ${formatShape(b1.shape)}, W2 ${formatShape(W2.shape)} and b2 ${formatShape(b2.shape)}`,
      );
    }
    const net = Object.create(TwoLayerNet.prototype) as TwoLayerNet;
    net.params = params;
    return net;
  }

  /** X [N, D] → class scores [N, C] and what backward needs. */
  forward(X: Matrix): { scores: Matrix; cache: TwoLayerCache } {
    const { W1, b1, W2, b2 } = this.params;
    if (X.cols !== W1.rows) throw new ShapeError(`TwoLayerNet.forward: X must have ${W1.rows} features, got X ${formatShape(X.shape)}`);
    const a1 = affineForward(X, W1, b1); //  [N, H]
    const h = reluForward(a1.out); //         [N, H]
    const a2 = affineForward(h.out, W2, b2); // [N, C]
    return { scores: a2.out, cache: { affine1: a1.cache, relu: h.cache, affine2: a2.cache } };
  }

  /** dScores [N, C] → gradients of every parameter, adding reg·W for the ½·reg·ΣW² term. */
  backward(dScores: Matrix, cache: TwoLayerCache, reg = 0): TwoLayerGrads {
    const { W1, W2 } = this.params;
    const { dX: dH, dW: dW2, db: db2 } = affineBackward(dScores, cache.affine2); // dH [N, H]
    const dA1 = reluBackward(dH, cache.relu); //                                     [N, H]
    const x = cache.affine1.x;
    const dW1 = matmul(x, dA1, { transA: true }); // dW1 = Xᵀ dA1   [D, N] @ [N, H]  (dX is not needed)
    const db1 = dA1.sum(0); //                      db1 = Σ_rows dA1   [1, H]
    if (reg !== 0) {
      addScaled(dW1.data, W1.data, reg); // d(½·reg·ΣW1²) = reg·W1
      addScaled(dW2.data, W2.data, reg);
    }
    return { dW1, db1, dW2, db2 };
  }

  /** CS231n's loss(X, y, reg): data loss + ½·reg·(ΣW1² + ΣW2²), and every gradient. */
  loss(X: Matrix, y: Labels, reg = 0): { loss: number; grads: TwoLayerGrads; scores: Matrix } {
    if (!(reg >= 0)) throw new RangeError(`TwoLayerNet.loss: reg must be >= 0, got ${reg}`);
    const { scores, cache } = this.forward(X);
    const { loss: dataLoss, dScores } = softmaxLoss(scores, y);
    const { W1, W2 } = this.params;
    const regLoss = 0.5 * reg * (sumSquares(W1.data) + sumSquares(W2.data));
    return { loss: dataLoss + regLoss, grads: this.backward(dScores, cache, reg), scores };
  }

  /** The predicted class of every row of X. */
  predict(X: Matrix): number[] {
    return this.forward(X).scores.argmax(1);
  }

  /** One plain SGD step: p ← p − lr·dp. */
  step(grads: TwoLayerGrads, lr: number): void {
    const p = this.params;
    addScaled(p.W1.data, grads.dW1.data, -lr);
    addScaled(p.b1.data, grads.db1.data, -lr);
    addScaled(p.W2.data, grads.dW2.data, -lr);
    addScaled(p.b2.data, grads.db2.data, -lr);
  }
}
