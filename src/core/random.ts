/** Seeded randomness that reproduces numpy's legacy global stream (`np.random.seed(s); np.random.randn(…)`). */

import { exactLog } from "./exact-log";
import { MT19937 } from "./mt19937";

const UINT32_MAX = 0xffffffff;

/**
 * A generator that draws exactly what numpy's legacy `RandomState` draws: after
 * `np.random.seed(42)`, `np.random.randn(4, 3)` equals `new NumpyRandom(42).randn(4, 3)`
 * value for value (row-major). Calls interleave like numpy's: the cached second Gaussian of
 * the polar method survives across `rand`, `randint`, … exactly as in numpy.
 *
 * Uniform draws, integers, permutations and choices are bit-exact. Gaussian draws need C's log():
 * we use a correctly rounded log (exact-log.ts), which equals glibc's except where glibc itself
 * is one ulp off (about 0.04% of randn values here, checked over 200,000 draws against numpy 2.4.6).
 *
 * Arrays come back flat and row-major: `randn(4, 3)` is a Float64Array of 12 values.
 * Integer draws (`randint`, `permutation`, `choice`) come back as plain `number[]`.
 */
export class NumpyRandom {
  private readonly mt = new MT19937();
  private hasGauss = false;
  private gaussCache = 0;

  /** `seed` is an integer in [0, 2^32) (numpy's `seed(int)`) or a non-empty array of them (`seed([…])`). */
  constructor(seed: number | readonly number[]) {
    this.seed(seed);
  }

  /** Restarts the stream, like `np.random.seed(seed)`. */
  seed(seed: number | readonly number[]): void {
    if (typeof seed === "number") {
      checkSeedWord(seed, "seed");
      this.mt.seed(seed);
    } else if (Array.isArray(seed)) {
      if (seed.length === 0) throw new Error("NumpyRandom: seed array must be non-empty, got []");
      seed.forEach((s, i) => checkSeedWord(s, `seed[${i}]`));
      this.mt.seedByArray(seed);
    } else {
      throw new Error(`NumpyRandom: seed must be an integer in [0, 2^32) or an array of them, got ${describe(seed)}`);
    }
    this.hasGauss = false;
    this.gaussCache = 0;
  }

  /** One double in [0, 1): `np.random.random()`. */
  random(): number {
    return this.mt.nextDouble();
  }

  /** One standard normal draw: `np.random.standard_normal()` (legacy polar Box–Muller). */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gaussCache;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.mt.nextDouble() - 1.0;
      x2 = 2.0 * this.mt.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    // C's log, not Math.log: see exact-log.ts
    const f = Math.sqrt((-2.0 * exactLog(r2)) / r2);
    // numpy returns f * x2 now and keeps f * x1 for the next call
    this.gaussCache = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** Uniform [0, 1) values of the given shape, row-major: `np.random.rand(d0, d1, …)`. */
  rand(...shape: number[]): Float64Array {
    const out = new Float64Array(sizeOf("rand", shape));
    for (let i = 0; i < out.length; i++) out[i] = this.mt.nextDouble();
    return out;
  }

  /** Standard normal values of the given shape, row-major: `np.random.randn(d0, d1, …)`. */
  randn(...shape: number[]): Float64Array {
    const out = new Float64Array(sizeOf("randn", shape));
    for (let i = 0; i < out.length; i++) out[i] = this.standardNormal();
    return out;
  }

  /** Uniform [low, high) values: `np.random.uniform(low, high, size=shape)`. */
  uniform(low: number, high: number, ...shape: number[]): Float64Array {
    checkFinite("uniform", "low", low);
    checkFinite("uniform", "high", high);
    if (!(high >= low)) throw new Error(`uniform: high must be >= low, got low ${low} and high ${high}`);
    const range = high - low;
    if (!Number.isFinite(range)) throw new Error(`uniform: high - low must be finite, got low ${low} and high ${high}`);
    const out = new Float64Array(sizeOf("uniform", shape));
    for (let i = 0; i < out.length; i++) out[i] = low + range * this.mt.nextDouble();
    return out;
  }

  /** Normal(loc, scale²) values: `np.random.normal(loc, scale, size=shape)` = loc + scale · gauss. */
  normal(loc: number, scale: number, ...shape: number[]): Float64Array {
    checkFinite("normal", "loc", loc);
    checkFinite("normal", "scale", scale);
    if (scale < 0) throw new Error(`normal: scale must be >= 0, got ${scale}`);
    const out = new Float64Array(sizeOf("normal", shape));
    for (let i = 0; i < out.length; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  }

  /**
   * Integers in [low, high): `np.random.randint(low, high, size=shape)`; with one argument, [0, low).
   * Always returns a `number[]` (one element when no shape is given, like numpy's scalar draw).
   * low and high must be safe integers (|x| < 2^53) and high - low at most 2^53, so every value is exact.
   */
  randint(low: number, high?: number, ...shape: number[]): number[] {
    if (high === undefined) {
      high = low;
      low = 0;
    }
    checkInteger("randint", "low", low);
    checkInteger("randint", "high", high);
    if (!(low < high)) throw new Error(`randint: low must be < high, got low ${low} and high ${high}`);
    const rng = high - low - 1; // numpy draws on the closed interval [low, high - 1]
    if (rng > 2 ** 53 - 1) throw new Error(`randint: high - low must be at most 2^53, got ${high - low}`);
    const n = sizeOf("randint", shape);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = low + this.boundedMasked(rng);
    return out;
  }

  /** A random ordering of 0 … n-1: `np.random.permutation(n)`. */
  permutation(n: number): number[] {
    checkSize("permutation", "n", n);
    const out = Array.from({ length: n }, (_, i) => i);
    return this.shuffle(out);
  }

  /** Shuffles in place (Fisher–Yates from the end, numpy's legacy `random_interval`) and returns the array. */
  shuffle<T extends { length: number; [i: number]: any }>(array: T): T {
    if (array === null || typeof array !== "object" || typeof array.length !== "number") {
      throw new Error(`shuffle: array must be an array or typed array, got ${describe(array)}`);
    }
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.boundedMasked(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * `size` draws from 0 … n-1: `np.random.choice(n, size, replace, p)`.
   * With replacement and no p this is `randint(0, n, size)`; without replacement and no p it is
   * `permutation(n).slice(0, size)`; with p it follows numpy's legacy cdf/searchsorted method.
   */
  choice(n: number, size: number, replace = true, p?: readonly number[]): number[] {
    checkSize("choice", "n", n);
    checkSize("choice", "size", size);
    if (n === 0 && size > 0) throw new Error(`choice: n must be > 0 to draw ${size} samples, got n 0`);
    if (p !== undefined) checkProbabilities(n, p);
    if (replace) {
      if (p === undefined) return size === 0 ? [] : this.randint(0, n, size);
      const cdf = normalizedCdf(p);
      return Array.from(this.rand(size), (u) => searchRight(cdf, u));
    }
    if (size > n) throw new Error(`choice: size must be <= n without replacement, got size ${size} and n ${n}`);
    if (p === undefined) return this.permutation(n).slice(0, size);
    if (p.filter((x) => x > 0).length < size) {
      throw new Error(`choice: p must have at least size non-zero entries without replacement, got size ${size}`);
    }
    return this.choiceWeightedUnique(size, p);
  }

  /** numpy's legacy rejection loop for choice(…, replace=False, p): redraw, zeroing found entries. */
  private choiceWeightedUnique(size: number, p: readonly number[]): number[] {
    const weights = p.slice();
    const found: number[] = [];
    while (found.length < size) {
      const u = this.rand(size - found.length);
      for (const k of found) weights[k] = 0;
      const cdf = normalizedCdf(weights);
      const fresh = new Set<number>();
      const ordered: number[] = [];
      // np.unique(…, return_index=True) then sorting the indices keeps first occurrences in draw order
      for (const x of u) {
        const k = searchRight(cdf, x);
        if (!fresh.has(k)) {
          fresh.add(k);
          ordered.push(k);
        }
      }
      found.push(...ordered);
    }
    return found;
  }

  /**
   * numpy's `random_bounded_uint64_fill` with masked rejection, for a value in [0, rng]. It also serves for
   * numpy's `random_interval(max)` (legacy shuffle and permutation): the two consume and return the same words.
   */
  private boundedMasked(rng: number): number {
    if (rng === 0) return 0;
    if (rng <= UINT32_MAX) {
      if (rng === UINT32_MAX) return this.mt.next32();
      const mask = maskFor32(rng);
      let v: number;
      while ((v = (this.mt.next32() & mask) >>> 0) > rng);
      return v;
    }
    return this.masked64(rng);
  }

  /** Masked rejection on next_uint64 = (first word << 32) | second word, for 2^32 <= max < 2^53. */
  private masked64(max: number): number {
    const hiMask = maskFor32(Math.floor(max / 2 ** 32));
    let v: number;
    do {
      const hi = (this.mt.next32() & hiMask) >>> 0;
      const lo = this.mt.next32();
      v = hi * 2 ** 32 + lo;
    } while (v > max);
    return v;
  }
}

/** Smallest mask 2^k - 1 that is >= x, for 0 < x < 2^32. */
function maskFor32(x: number): number {
  let m = x >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

function sizeOf(op: string, shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`${op}: shape must be non-negative integers, got [${shape.map(describe).join(", ")}]`);
    }
    n *= d;
  }
  return n;
}

function checkSeedWord(s: unknown, arg: string): void {
  if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > UINT32_MAX) {
    throw new Error(`NumpyRandom: ${arg} must be an integer in [0, 2^32), got ${describe(s)}`);
  }
}

function checkFinite(op: string, arg: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`${op}: ${arg} must be a finite number, got ${describe(x)}`);
}

function checkInteger(op: string, arg: string, x: number): void {
  if (typeof x !== "number" || !Number.isSafeInteger(x)) throw new Error(`${op}: ${arg} must be an integer, got ${describe(x)}`);
}

function checkSize(op: string, arg: string, x: number): void {
  if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 0) {
    throw new Error(`${op}: ${arg} must be a non-negative integer, got ${describe(x)}`);
  }
}

function checkProbabilities(n: number, p: readonly number[]): void {
  if (!Array.isArray(p) || p.length !== n) {
    throw new Error(`choice: p must have n = ${n} entries, got ${Array.isArray(p) ? p.length : describe(p)}`);
  }
  let sum = 0;
  p.forEach((x, i) => {
    if (typeof x !== "number" || !Number.isFinite(x) || x < 0) {
      throw new Error(`choice: p must hold finite non-negative numbers, got p[${i}] = ${describe(x)}`);
    }
    sum += x;
  });
  // numpy's tolerance: sqrt(float64 eps)
  if (Math.abs(sum - 1) > Math.sqrt(Number.EPSILON)) throw new Error(`choice: p must sum to 1, got sum ${sum}`);
}

/** np.cumsum(p); cdf /= cdf[-1] */
function normalizedCdf(p: readonly number[]): Float64Array {
  const cdf = new Float64Array(p.length);
  let acc = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = acc += p[i];
  const total = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= total;
  return cdf;
}

/** np.searchsorted(cdf, x, side="right"): the first index whose value is > x. */
function searchRight(cdf: Float64Array, x: number): number {
  let lo = 0;
  let hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function describe(x: unknown): string {
  if (typeof x === "number") return String(x);
  if (typeof x === "string") return JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map(describe).join(", ")}]`;
  return x === null ? "null" : typeof x;
}
