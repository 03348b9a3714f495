/** Test helpers: fixed inputs, and the worst gradient error of a tensor function through gradCheckTensors. */
import { gradCheckTensors } from "../../src/gradcheck/gradcheck";
import { Tensor } from "../../src/tensor/tensor";

/** Seeded uniform numbers in [-1, 1) for test inputs and output weights (not numpy's stream; just fixed). */
export function fixedRandom(n: number, seed = 1): Float64Array {
  let s = seed >>> 0 || 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

/**
 * Worst relative error between backward() and central differences for f(inputs), through the project's
 * gradCheckTensors (a larger output is weighted by fixed random numbers, so a transposed or mis-broadcast
 * gradient cannot hide behind symmetric outputs). Inputs without requiresGrad are held fixed.
 */
export function maxGradError(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], h = 1e-6): number {
  const params = inputs
    .map((x, i) => ({ x, name: `input ${i}${x.label ? ` (${x.label})` : ""}` }))
    .filter(({ x }) => x.requiresGrad)
    .map(({ x, name }) => ({ name, data: x.data, shape: x.shape, get grad() { return x.grad; }, zeroGrad: () => { x.grad = null; } }));
  return gradCheckTensors(() => f(...inputs), params, { h }).worstRelError;
}

/** A [rows, cols] tensor of fixed random values that wants a gradient. */
export function param(rows: number, cols: number, seed: number, shift = 0): Tensor {
  const d = fixedRandom(rows * cols, seed).map((v) => v + shift);
  return new Tensor(d, [rows, cols], { requiresGrad: true });
}
