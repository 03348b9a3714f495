/** Elementwise functions — relu, sigmoid, tanh, exp, log, sqrt — each with its local derivative beside it. */
import { mapValues as map, stableSigmoid } from "../core/elementwise";
import { formatIndex, formatShape } from "../core/shape";
import { Tensor } from "./tensor-core";

/** max(0, x) */
export function relu(x: Tensor): Tensor {
  const xd = x.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < xd.length; i++) out[i] = xd[i] <= 0 ? 0 : xd[i]; // NaN stays NaN: relu must not hide it
  return Tensor.fromOp(out, x.shape, "relu", [x], (dOut) => {
    const dX = new Float64Array(dOut.length);
    for (let i = 0; i < dX.length; i++) dX[i] = xd[i] > 0 ? dOut[i] : 0; // dX = dOut ⊙ [x > 0]  (0 at the kink, like PyTorch)
    return [dX];
  });
}

/** σ(x) = 1 / (1 + e^−x), computed without overflow for large |x| */
export function sigmoid(x: Tensor): Tensor {
  const out = map(x.data, stableSigmoid);
  return Tensor.fromOp(out, x.shape, "sigmoid", [x], (dOut) => [
    map(dOut, (d, i) => d * out[i] * (1 - out[i])), // dX = dOut ⊙ σ(1 − σ)
  ]);
}

/** tanh(x) */
export function tanh(x: Tensor): Tensor {
  const out = map(x.data, Math.tanh);
  return Tensor.fromOp(out, x.shape, "tanh", [x], (dOut) => [
    map(dOut, (d, i) => d * (1 - out[i] * out[i])), // dX = dOut ⊙ (1 − tanh²x)
  ]);
}

/** eˣ; overflow to Infinity throws. */
export function exp(x: Tensor): Tensor {
  const out = map(x.data, Math.exp);
  expectFiniteResult("exp", x, out, "x must be at most about 709 for eˣ to fit in a float64");
  return Tensor.fromOp(out, x.shape, "exp", [x], (dOut) => [
    map(dOut, (d, i) => d * out[i]), // dX = dOut ⊙ eˣ
  ]);
}

/** ln x; x ≤ 0 throws (it would be −Infinity or NaN). */
export function log(x: Tensor): Tensor {
  const xd = x.data;
  const out = map(xd, Math.log);
  expectFiniteResult("log", x, out, "x must be positive");
  return Tensor.fromOp(out, x.shape, "log", [x], (dOut) => [
    map(dOut, (d, i) => d / xd[i]), // dX = dOut / x
  ]);
}

/** √x; x ≤ 0 throws (negative gives NaN, and the gradient at 0 is infinite). */
export function sqrt(x: Tensor): Tensor {
  const out = map(x.data, Math.sqrt);
  const bad = out.findIndex((v) => !(v > 0) || v === Infinity);
  if (bad >= 0) throw new RangeError(`sqrt: x must be positive and finite, got ${x.data[bad]} at ${formatIndex(bad, x.shape)} of x ${formatShape(x.shape)}`);
  return Tensor.fromOp(out, x.shape, "sqrt", [x], (dOut) => [
    map(dOut, (d, i) => (0.5 * d) / out[i]), // dX = dOut / (2√x)
  ]);
}

function expectFiniteResult(op: string, x: Tensor, out: Float64Array, rule: string): void {
  for (let i = 0; i < out.length; i++) {
    if (out[i] - out[i] !== 0) {
      throw new RangeError(`${op}: ${rule}, got ${x.data[i]} at ${formatIndex(i, x.shape)} of x ${formatShape(x.shape)}`);
    }
  }
}
