/** Raw elementwise math with row/column broadcasting on row-major Float64Arrays. No graph, no gradients. */
import { broadcastShapes, Shape } from "./shape";

export type BinaryOp = "add" | "sub" | "mul" | "div";

const apply: { [K in BinaryOp]: (x: number, y: number) => number } = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

/** a ∘ b with NumPy broadcasting over 2-D shapes; returns the result and its shape. */
export function broadcastBinary(
  op: BinaryOp,
  a: Float64Array,
  aShape: Shape,
  b: Float64Array,
  bShape: Shape,
): { out: Float64Array; shape: [number, number] } {
  const shape = broadcastShapes(op, aShape, bShape);
  const [rows, cols] = shape;
  const out = new Float64Array(rows * cols);
  const f = apply[op];
  if (a.length === out.length && b.length === out.length) {
    for (let i = 0; i < out.length; i++) out[i] = f(a[i], b[i]);
    return { out, shape };
  }
  // a zero stride repeats the single row or column of a broadcast operand
  const aRow = aShape[0] === 1 ? 0 : aShape[1];
  const aCol = aShape[1] === 1 ? 0 : 1;
  const bRow = bShape[0] === 1 ? 0 : bShape[1];
  const bCol = bShape[1] === 1 ? 0 : 1;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const ao = i * aRow;
    const bo = i * bRow;
    for (let j = 0; j < cols; j++) out[o + j] = f(a[ao + j * aCol], b[bo + j * bCol]);
  }
  return { out, shape };
}

/**
 * Sums a broadcast result back to the shape it was broadcast from (HIPS autograd's `unbroadcast`):
 * d [n, m] → [1, m] sums the rows, → [n, 1] sums the columns, → [1, 1] sums everything.
 */
export function sumToShape(d: Float64Array, fromShape: Shape, toShape: Shape): Float64Array {
  const [rows, cols] = fromShape;
  const [tr, tc] = toShape;
  if (tr === rows && tc === cols) return d;
  const out = new Float64Array(tr * tc);
  const rowStride = tr === 1 ? 0 : tc;
  const colStride = tc === 1 ? 0 : 1;
  for (let i = 0; i < rows; i++) {
    const o = i * rowStride;
    const di = i * cols;
    for (let j = 0; j < cols; j++) out[o + j * colStride] += d[di + j];
  }
  return out;
}

/** target += k · source, in place (an SGD update, an L2 gradient). A function of its own: inlined into a long loop body V8 left it unoptimized (~1 ms a step in fit). */
export function addScaled(target: Float64Array, source: Float64Array, k: number): void {
  for (let i = 0; i < target.length; i++) target[i] += k * source[i];
}

/** Row-major data [rows, cols] as plain nested arrays (toArray of Matrix and Tensor, and Tensor's gradArray). */
export function toRows(data: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/** σ(x) = 1 / (1 + e^−x), with the branch on the sign so e^|x| never overflows (shared by Value, Dual, Tensor and the lesson nets). */
export function stableSigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** f applied to every value (with its flat index, for ops whose gradient reads a saved array), into a new array. */
export function mapValues(x: Float64Array, f: (v: number, i: number) => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i], i);
  return out;
}
