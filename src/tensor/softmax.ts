/** softmax and logSoftmax along each row (the class axis), numerically stable, with their gradients. */
import { expectFinite } from "../core/shape";
import { Tensor } from "./tensor";

/** Row-wise softmax of x [n, c] → probabilities [n, c]; subtracts each row's max so eˣ never overflows. */
export function softmaxRows(x: Float64Array, n: number, c: number): Float64Array {
  const out = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    const o = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (x[o + j] > max) max = x[o + j];
    let s = 0;
    for (let j = 0; j < c; j++) s += out[o + j] = Math.exp(x[o + j] - max);
    for (let j = 0; j < c; j++) out[o + j] /= s;
  }
  return out;
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
  const out = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    const o = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (x.data[o + j] > max) max = x.data[o + j];
    let s = 0;
    for (let j = 0; j < c; j++) s += Math.exp(x.data[o + j] - max);
    const logZ = max + Math.log(s);
    for (let j = 0; j < c; j++) out[o + j] = x.data[o + j] - logZ;
  }
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
