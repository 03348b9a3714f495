/** A tiny central-difference gradient check for tests (until the gradcheck module is used everywhere). */
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
 * Max relative error between backward() and central differences for f(inputs) weighted by fixed random
 * numbers (so a transposed or mis-broadcast gradient cannot hide behind symmetric outputs).
 */
export function maxGradError(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], h = 1e-6): number {
  const probe = f(...inputs);
  const weights = fixedRandom(probe.data.length, 7);
  const scalar = () => {
    const out = f(...inputs);
    let s = 0;
    for (let i = 0; i < out.data.length; i++) s += out.data[i] * weights[i];
    return s;
  };
  for (const x of inputs) x.grad = null;
  f(...inputs).backward(weights);
  let worst = 0;
  for (const x of inputs) {
    if (!x.requiresGrad) continue;
    const analytic = x.grad!;
    for (let i = 0; i < x.data.length; i++) {
      const keep = x.data[i];
      x.data[i] = keep + h;
      const up = scalar();
      x.data[i] = keep - h;
      const down = scalar();
      x.data[i] = keep;
      const numeric = (up - down) / (2 * h);
      const err = Math.abs(numeric - analytic[i]) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[i]));
      worst = Math.max(worst, err);
    }
  }
  return worst;
}

/** A [rows, cols] tensor of fixed random values that wants a gradient. */
export function param(rows: number, cols: number, seed: number, shift = 0): Tensor {
  const d = fixedRandom(rows * cols, seed).map((v) => v + shift);
  return new Tensor(d, [rows, cols], { requiresGrad: true });
}
