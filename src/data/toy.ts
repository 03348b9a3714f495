/** Toy 2-D classification sets (CS231n's spirals, sklearn's moons and circles, XOR), each a fixed function of its seed. */

import { Matrix } from "../core/matrix";
import { NumpyRandom } from "../core/random";
import type { Dataset } from "./digits";

/**
 * numpy's `np.linspace(start, stop, num, endpoint)`: start + i · step, with the last value
 * exactly `stop` when `endpoint` is true (numpy's own formula, so values match bit for bit).
 */
export function linspace(start: number, stop: number, num: number, endpoint = true): Float64Array {
  if (!Number.isFinite(start) || !Number.isFinite(stop)) throw new Error(`linspace: start and stop must be finite, got ${start} and ${stop}`);
  if (!Number.isInteger(num) || num < 0) throw new Error(`linspace: num must be a non-negative integer, got ${num}`);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const out = new Float64Array(num);
  if (div > 0) {
    const step = delta / div;
    for (let i = 0; i < num; i++) out[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  } else {
    for (let i = 0; i < num; i++) out[i] = i * delta + start;
  }
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/**
 * CS231n's spiral: `classes` arms of `pointsPerClass` points, x [pointsPerClass·classes, 2].
 * Same as, after `np.random.seed(seed)`, for each class j:
 *   r = np.linspace(0.0, 1, N); t = np.linspace(j*4, (j+1)*4, N) + np.random.randn(N)*0.2
 *   X[ix] = np.c_[r*np.sin(t), r*np.cos(t)]; y[ix] = j
 */
export function spirals(pointsPerClass = 100, classes = 3, seed = 0): Dataset {
  checkCount("spirals", "pointsPerClass", pointsPerClass, 1);
  checkCount("spirals", "classes", classes, 1);
  const rng = new NumpyRandom(checkSeed("spirals", seed));
  const n = pointsPerClass;
  const x = new Matrix(n * classes, 2);
  const y = new Array<number>(n * classes);
  const r = linspace(0.0, 1, n);
  for (let j = 0; j < classes; j++) {
    const t = linspace(j * 4, (j + 1) * 4, n);
    const noise = rng.randn(n);
    for (let i = 0; i < n; i++) {
      const ti = t[i] + noise[i] * 0.2;
      const row = j * n + i;
      x.data[2 * row] = r[i] * Math.sin(ti);
      x.data[2 * row + 1] = r[i] * Math.cos(ti);
      y[row] = j;
    }
  }
  return { x, y };
}

export interface MoonsOptions {
  /** standard deviation of Gaussian noise added to every coordinate (default none) */
  noise?: number;
  seed?: number;
  /** shuffle the points like sklearn does (default true) */
  shuffle?: boolean;
}

/** sklearn's `make_moons(n_samples, noise=noise, random_state=seed)`: two interleaving half circles, labels 0 and 1. */
export function moons(nSamples = 100, options: MoonsOptions = {}): Dataset {
  checkCount("moons", "nSamples", nSamples, 2);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const a = linspace(0, Math.PI, nOut);
  const b = linspace(0, Math.PI, nIn);
  const xs = [...Array.from(a, Math.cos), ...Array.from(b, (v) => 1 - Math.cos(v))];
  const ys = [...Array.from(a, Math.sin), ...Array.from(b, (v) => 1 - Math.sin(v) - 0.5)];
  return finishSklearn("moons", xs, ys, nOut, options);
}

export interface CirclesOptions extends MoonsOptions {
  /** radius of the inner circle relative to the outer one, in (0, 1) (default 0.8) */
  factor?: number;
}

/** sklearn's `make_circles(n_samples, noise=noise, factor=factor, random_state=seed)`: outer circle label 0, inner label 1. */
export function circles(nSamples = 100, options: CirclesOptions = {}): Dataset {
  checkCount("circles", "nSamples", nSamples, 2);
  const factor = options.factor ?? 0.8;
  if (typeof factor !== "number" || !(factor > 0 && factor < 1)) throw new Error(`circles: factor must lie in (0, 1), got ${factor}`);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  // endpoint=false so the first point is not also the last
  const a = linspace(0, 2 * Math.PI, nOut, false);
  const b = linspace(0, 2 * Math.PI, nIn, false);
  const xs = [...Array.from(a, Math.cos), ...Array.from(b, (v) => Math.cos(v) * factor)];
  const ys = [...Array.from(a, Math.sin), ...Array.from(b, (v) => Math.sin(v) * factor)];
  return finishSklearn("circles", xs, ys, nOut, options);
}

export interface XorOptions {
  /** standard deviation of the Gaussian cloud around each corner (default 0.15; 0 gives the bare truth table) */
  noise?: number;
  seed?: number;
}

/**
 * XOR: points around the corners (0,0), (0,1), (1,0), (1,1), labelled a XOR b, `pointsPerCorner` per corner
 * in that order. In numpy: `np.random.seed(seed); X = np.repeat(corners, m, axis=0) + noise * np.random.randn(4*m, 2)`.
 * `xor(1, { noise: 0 })` is the four-row truth table.
 */
export function xor(pointsPerCorner = 50, options: XorOptions = {}): Dataset {
  checkCount("xor", "pointsPerCorner", pointsPerCorner, 1);
  const noise = checkNoise("xor", options.noise ?? 0.15);
  const rng = new NumpyRandom(checkSeed("xor", options.seed ?? 0));
  const m = pointsPerCorner;
  const jitter = rng.randn(4 * m, 2);
  const corners = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const x = new Matrix(4 * m, 2);
  const y = new Array<number>(4 * m);
  corners.forEach(([a, b], c) => {
    for (let i = 0; i < m; i++) {
      const row = c * m + i;
      x.data[2 * row] = a + noise * jitter[2 * row];
      x.data[2 * row + 1] = b + noise * jitter[2 * row + 1];
      y[row] = a ^ b;
    }
  });
  return { x, y };
}

/** sklearn's tail: stack, label nOut zeros then ones, shuffle rows (legacy RandomState.shuffle), add normal(0, noise). */
function finishSklearn(op: string, xs: number[], ys: number[], nOut: number, options: MoonsOptions): Dataset {
  const n = xs.length;
  const rng = new NumpyRandom(checkSeed(op, options.seed ?? 0));
  const noise = options.noise === undefined ? undefined : checkNoise(op, options.noise);
  let order = Array.from({ length: n }, (_, i) => i);
  if (options.shuffle ?? true) order = rng.shuffle(order);
  const x = new Matrix(n, 2);
  const y = order.map((k) => (k < nOut ? 0 : 1));
  order.forEach((k, row) => {
    x.data[2 * row] = xs[k];
    x.data[2 * row + 1] = ys[k];
  });
  if (noise !== undefined) {
    const eps = rng.normal(0, noise, n, 2);
    for (let i = 0; i < eps.length; i++) x.data[i] += eps[i];
  }
  return { x, y };
}

function checkCount(op: string, arg: string, n: number, min: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) throw new Error(`${op}: ${arg} must be an integer >= ${min}, got ${n}`);
}

function checkNoise(op: string, noise: number): number {
  if (typeof noise !== "number" || !Number.isFinite(noise) || noise < 0) throw new Error(`${op}: noise must be a finite number >= 0, got ${noise}`);
  return noise;
}

function checkSeed(op: string, seed: number): number {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`${op}: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  return seed;
}
