/** Losses that end a graph: fused softmax cross-entropy against integer labels, and mean squared error. */
import { expectFinite, formatShape, ShapeError } from "../core/shape";
import { logSumExpRows } from "./softmax";
import { Tensor } from "./tensor-core";

/** Class labels: one whole number in [0, classes) per row. */
export type Labels = ArrayLike<number>;

/** Throws unless `labels` holds one integer in [0, classes) per row; names the first bad one. */
export function checkLabels(op: string, labels: Labels, rows: number, classes: number): void {
  if (labels.length !== rows) {
    throw new ShapeError(`${op}: labels must have one entry per row of scores (${rows}), got ${labels.length} labels`);
  }
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      const rule = classes === Infinity ? "whole numbers >= 0" : `integers in [0, ${classes})`;
      throw new RangeError(`${op}: labels must be ${rule}, got ${y} at index ${i}`);
    }
  }
}

/**
 * Mean over rows of −log softmax(logits)[label], fused: logits [n, c], labels n integers → [1, 1].
 * Fusing keeps it stable (log-sum-exp with the max taken out) and makes the gradient one subtraction.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Labels): Tensor {
  const op = "softmaxCrossEntropy";
  const [n, c] = logits.shape;
  if (n === 0 || c === 0) throw new ShapeError(`${op}: logits must have at least one row and one class, got logits ${formatShape(logits.shape)}`);
  checkLabels(op, labels, n, c);
  expectFinite(op, "logits", logits.data, logits.shape);
  const x = logits.data;
  const p = new Float64Array(n * c); // softmax, kept for the backward step
  const logZ = logSumExpRows(x, n, c, p);
  let loss = 0;
  for (let i = 0; i < n; i++) loss += logZ[i] - x[i * c + labels[i]]; // −log softmax = log Σ eˣ − x_label, never log(0)
  return Tensor.fromOp(Float64Array.of(loss / n), [1, 1], op, [logits], (dOut) => {
    const scale = dOut[0] / n;
    const dLogits = new Float64Array(n * c);
    for (let i = 0; i < n * c; i++) dLogits[i] = p[i] * scale;
    for (let i = 0; i < n; i++) dLogits[i * c + labels[i]] -= scale; // dLogits = (softmax − onehot(y)) / n
    return [dLogits];
  });
}

/** mean((prediction − target)²) over every value → [1, 1], like PyTorch's MSELoss. Shapes must match exactly. */
export function mse(prediction: Tensor, target: Tensor | readonly (readonly number[])[]): Tensor {
  const t = target instanceof Tensor ? target : Tensor.from(target);
  if (prediction.shape[0] !== t.shape[0] || prediction.shape[1] !== t.shape[1]) {
    throw new ShapeError(`mse: prediction and target must have the same shape, got prediction ${formatShape(prediction.shape)} and target ${formatShape(t.shape)}`);
  }
  expectFinite("mse", "prediction", prediction.data, prediction.shape);
  expectFinite("mse", "target", t.data, t.shape);
  const size = prediction.data.length;
  if (size === 0) throw new ShapeError(`mse: prediction must hold at least one value, got ${formatShape(prediction.shape)}`);
  const diff = new Float64Array(size);
  let s = 0;
  for (let i = 0; i < size; i++) {
    diff[i] = prediction.data[i] - t.data[i];
    s += diff[i] * diff[i];
  }
  return Tensor.fromOp(Float64Array.of(s / size), [1, 1], "mse", [prediction, t], (dOut, needs) => {
    const k = (2 * dOut[0]) / size;
    return [
      needs[0] ? diff.map((d) => k * d) : null, // dPrediction = 2 (prediction − target) / N
      needs[1] ? diff.map((d) => -k * d) : null, // dTarget = −2 (prediction − target) / N
    ];
  });
}
