/** softmax and logSoftmax along each row (the class axis), numerically stable, with their gradients. */
import { expectFinite } from "../core/shape";
import { Tensor } from "./tensor-core";

/**
 * log Σ eˣ of each row of x [n, c] → [n], with the row's max taken out first so eˣ never overflows.
 * Given `p` [n, c], also fills it with the row-wise softmax: the same exponentials, so one pass serves both.
 */
export function logSumExpRows(x: Float64Array, n: number, c: number, p?: Float64Array): Float64Array {
  const logZ = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (x[o + j] > max) max = x[o + j];
    let s = 0;
    for (let j = 0; j < c; j++) {
      const e = Math.exp(x[o + j] - max);
      s += e;
      if (p) p[o + j] = e;
    }
    if (p) for (let j = 0; j < c; j++) p[o + j] /= s;
    logZ[i] = max + Math.log(s);
  }
  return logZ;
}

/** Row-wise softmax of x [n, c] → probabilities [n, c], overflow-safe like logSumExpRows. */
export function softmaxRows(x: Float64Array, n: number, c: number): Float64Array {
  const p = new Float64Array(n * c);
  logSumExpRows(x, n, c, p);
  return p;
}

/** x [n, c] → softmax along each row [n, c] */
export function softmax(x: Tensor): Tensor {
  expectFinite("softmax", "x", x.data, x.shape);
  const [n, c] = x.shape;
  const p = softmaxRows(x.data, n, c);
  return Tensor.fromOp(p, x.shape, "softmax", [x], (dOut) => {
    const dX = new Float64Array(n * c);
    for (let i = 0; i < n; i++) {
      const o = i * c;
      let dot = 0;
      for (let j = 0; j < c; j++) dot += dOut[o + j] * p[o + j];
      for (let j = 0; j < c; j++) dX[o + j] = p[o + j] * (dOut[o + j] - dot); // dX = p ⊙ (dOut − Σⱼ dOutⱼ pⱼ)
    }
    return [dX];
  });
}

/** x [n, c] → log softmax along each row [n, c] = x − max − log Σ e^(x − max) */
export function logSoftmax(x: Tensor): Tensor {
  expectFinite("logSoftmax", "x", x.data, x.shape);
  const [n, c] = x.shape;
  const logZ = logSumExpRows(x.data, n, c);
  const out = new Float64Array(n * c);
  for (let i = 0; i < n * c; i++) out[i] = x.data[i] - logZ[Math.floor(i / c)];
  return Tensor.fromOp(out, x.shape, "logSoftmax", [x], (dOut) => {
    const dX = new Float64Array(n * c);
    for (let i = 0; i < n; i++) {
      const o = i * c;
      let total = 0;
      for (let j = 0; j < c; j++) total += dOut[o + j];
      for (let j = 0; j < c; j++) dX[o + j] = dOut[o + j] - Math.exp(out[o + j]) * total; // dX = dOut − softmax ⊙ Σⱼ dOutⱼ
    }
    return [dX];
  });
}
