/** The Mersenne Twister MT19937 exactly as numpy's legacy RandomState seeds and steps it. Imports nothing. */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** 32-bit words in, 32-bit words out; `next32()` is numpy's `mt19937_next32`. */
export class MT19937 {
  private readonly key = new Uint32Array(N);
  private pos = N;

  /** numpy's `mt19937_seed(state, seed)`: what `np.random.seed(int)` runs (Knuth's init_genrand). */
  seed(seed: number): void {
    const mt = this.key;
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      mt[i] = s;
      // s = 1812433253 * (s ^ (s >>> 30)) + i + 1, all mod 2^32
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = N;
  }

  /** numpy's `mt19937_init_by_array`: what `np.random.seed([k0, k1, …])` runs. */
  seedByArray(initKey: ArrayLike<number>): void {
    const mt = this.key;
    const len = initKey.length;
    this.seed(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + (initKey[j] >>> 0) + j) >>> 0; // non linear
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0; // non linear
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
    this.pos = N;
  }

  /** The next tempered 32-bit word, as an unsigned integer in [0, 2^32). */
  next32(): number {
    if (this.pos >= N) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** numpy's `mt19937_next_double`: 27 + 26 random bits → a double in [0, 1) with 53-bit resolution. */
  nextDouble(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** Refills all 624 words at once (numpy's `mt19937_gen`). */
  private generate(): void {
    const mt = this.key;
    let y: number;
    let i = 0;
    for (; i < N - M; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
      mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }
}
