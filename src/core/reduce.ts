/** Raw reductions over a row-major [rows, cols] Float64Array: all values, or along an axis. */

/** Which axis a reduction removes: 0 sums down the columns → [1, cols]; 1 sums along each row → [rows, 1]. */
export type Axis = 0 | 1;

/** Σ of every value. */
export function sumAll(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Σ x² of every value (squared L2 norm: L2 penalties, gradient norms). */
export function sumSquares(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

/** Σ along an axis: axis 0 → [1, cols], axis 1 → [rows, 1]. */
export function sumAxis(x: Float64Array, rows: number, cols: number, axis: Axis): Float64Array {
  if (axis === 0) {
    const out = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[j] += x[o + j];
    }
    return out;
  }
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += x[o + j];
    out[i] = s;
  }
  return out;
}

/** max along an axis: axis 0 → [1, cols], axis 1 → [rows, 1]. */
export function maxAxis(x: Float64Array, rows: number, cols: number, axis: Axis): Float64Array {
  const out = new Float64Array(axis === 0 ? cols : rows).fill(-Infinity);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = x[i * cols + j];
      const k = axis === 0 ? j : i;
      if (v > out[k]) out[k] = v;
    }
  }
  return out;
}

/** Index of the largest value along an axis (the first one on ties, like NumPy). */
export function argmaxAxis(x: Float64Array, rows: number, cols: number, axis: Axis): number[] {
  const n = axis === 0 ? cols : rows;
  const len = axis === 0 ? rows : cols;
  const at = (k: number, t: number) => (axis === 0 ? x[t * cols + k] : x[k * cols + t]);
  const best: number[] = [];
  for (let k = 0; k < n; k++) {
    let b = 0;
    for (let t = 1; t < len; t++) if (at(k, t) > at(k, b)) b = t;
    best.push(b);
  }
  return best;
}
