/** NumpyRandom against values printed by real numpy (random.golden.ts holds them and the script). */

import { describe, expect, it } from "vitest";
import { NumpyRandom } from "./random";
import { NUMPY_GOLDEN } from "./random.golden";

const SEEDS = ["0", "1", "42", "231", "4294967295"] as const;

describe("NumpyRandom reproduces numpy's legacy stream", () => {
  for (const s of SEEDS) {
    it(`seed ${s}: randn, rand, randint, permutation and choice in sequence match numpy exactly`, () => {
      const g = NUMPY_GOLDEN[s];
      const r = new NumpyRandom(Number(s));
      expect(Array.from(r.randn(4, 3))).toEqual(g.randn_4x3);
      expect(Array.from(r.rand(3))).toEqual(g.rand_3);
      expect(r.randint(0, 10, 6)).toEqual(g.randint_0_10_x6);
      expect(r.permutation(10)).toEqual(g.permutation_10);
      expect(r.choice(10, 3, false)).toEqual(g.choice_10_3_noreplace);
      expect(r.choice(5, 4)).toEqual(g.choice_5_4);
    });
  }

  it("a long randn stream matches across the 624-word refills", () => {
    const long = new NumpyRandom(7).randn(1300);
    for (const [i, v] of Object.entries(NUMPY_GOLDEN.seed7_randn1300_at)) expect(long[Number(i)]).toBe(v);
  });

  it("randn matches numpy even where V8's Math.log is one ulp off (seed 3, draws 4-7, 1000, 99999)", () => {
    // np.random.seed(3); r = np.random.randn(200000); r[[4, 5, 6, 7, 1000, 99999]]
    const r = new NumpyRandom(3).randn(100_000);
    expect([r[4], r[5], r[6], r[7], r[1000], r[99999]]).toEqual([
      -0.27738820251439905, -0.35475897926898675, -0.08274148148245977, -0.6270006768238473, 0.03468126349311669,
      -0.2877215101816428,
    ]);
  });

  it("differs by one ulp only where C's log is itself not correctly rounded (seed 3, draws 169024-169025)", () => {
    // numpy prints -0.493473299008383 and -0.9798012326252994: glibc's log(r2) is one ulp off there
    const r = new NumpyRandom(3).randn(169_026);
    expect(Math.abs(r[169024] - -0.493473299008383)).toBeLessThanOrEqual(2 ** -53);
    expect(Math.abs(r[169025] - -0.9798012326252994)).toBeLessThanOrEqual(2 ** -53);
  });

  it("random() draws one double at a time", () => {
    const r = new NumpyRandom(7);
    expect([r.random(), r.random(), r.random()]).toEqual(NUMPY_GOLDEN.seed7_random);
  });

  it("the full-32-bit, single-value, negative, 64-bit, uniform, normal and weighted paths match", () => {
    const g = NUMPY_GOLDEN.seed123_mixed;
    const r = new NumpyRandom(123);
    expect(r.randint(0, 2 ** 32, 3)).toEqual(g.randint_full32);
    expect(r.randint(5, 6, 2)).toEqual(g.randint_single);
    expect(r.randint(-5, 5, 4)).toEqual(g.randint_neg);
    expect(r.randint(0, 2 ** 40, 3)).toEqual(g.randint_big);
    expect(Array.from(r.uniform(-1, 2, 2))).toEqual(g.uniform);
    expect(Array.from(r.normal(1, 2, 3))).toEqual(g.normal);
    expect(r.choice(4, 5, true, [0.1, 0.2, 0.3, 0.4])).toEqual(g.choice_p);
    expect(r.choice(4, 3, false, [0.1, 0.2, 0.3, 0.4])).toEqual(g.choice_p_noreplace);
  });

  it("an array seed uses init_by_array like np.random.seed([1, 2, 3])", () => {
    expect(Array.from(new NumpyRandom([1, 2, 3]).rand(2))).toEqual(NUMPY_GOLDEN.seed_array_123_rand2);
  });

  it("permutation(100) matches numpy for seed 0", () => {
    expect(new NumpyRandom(0).permutation(100)).toEqual(NUMPY_GOLDEN.seed0_perm100);
  });

  it("seed() restarts the stream and drops the cached Gaussian", () => {
    const r = new NumpyRandom(42);
    r.randn(1); // leaves the second Gaussian cached
    r.seed(42);
    expect(Array.from(r.randn(4, 3))).toEqual(NUMPY_GOLDEN["42"].randn_4x3);
  });
});

describe("NumpyRandom shapes and in-place shuffle", () => {
  it("returns flat row-major arrays of the product of the shape", () => {
    const r = new NumpyRandom(0);
    expect(r.randn(2, 3, 4).length).toBe(24);
    expect(r.rand().length).toBe(1);
    expect(r.rand(0, 5).length).toBe(0);
    expect(r.randint(3)).toHaveLength(1);
  });

  it("shuffle permutes in place exactly like permutation", () => {
    const xs = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    const order = new NumpyRandom(0).permutation(10);
    const shuffled = new NumpyRandom(0).shuffle(xs.slice());
    expect(shuffled).toEqual(order.map((i) => xs[i]));
    const typed = new NumpyRandom(0).shuffle(Float64Array.from({ length: 10 }, (_, i) => i));
    expect(Array.from(typed)).toEqual(order);
  });

  it("randint values stay inside [low, high)", () => {
    const xs = new NumpyRandom(3).randint(-2, 3, 1000);
    expect(Math.min(...xs)).toBe(-2);
    expect(Math.max(...xs)).toBe(2);
  });
});

describe("NumpyRandom rejects bad arguments with clear messages", () => {
  it("seeds must be integers in [0, 2^32)", () => {
    expect(() => new NumpyRandom(1.5)).toThrow("NumpyRandom: seed must be an integer in [0, 2^32), got 1.5");
    expect(() => new NumpyRandom(-1)).toThrow("got -1");
    expect(() => new NumpyRandom(2 ** 32)).toThrow("got 4294967296");
    expect(() => new NumpyRandom([])).toThrow("seed array must be non-empty");
    expect(() => new NumpyRandom([1, NaN])).toThrow("seed[1] must be an integer in [0, 2^32), got NaN");
    expect(() => new NumpyRandom("3" as unknown as number)).toThrow('got "3"');
  });

  it("shapes must be non-negative integers", () => {
    const r = new NumpyRandom(0);
    expect(() => r.randn(2, -1)).toThrow("randn: shape must be non-negative integers, got [2, -1]");
    expect(() => r.rand(1.5)).toThrow("rand: shape must be non-negative integers, got [1.5]");
  });

  it("randint needs integer bounds with low < high", () => {
    const r = new NumpyRandom(0);
    expect(() => r.randint(5, 5)).toThrow("randint: low must be < high, got low 5 and high 5");
    expect(() => r.randint(0)).toThrow("randint: low must be < high, got low 0 and high 0");
    expect(() => r.randint(0, 2.5)).toThrow("randint: high must be an integer, got 2.5");
    expect(() => r.randint(0, 2 ** 60)).toThrow("randint: high must be an integer");
  });

  it("uniform, normal, permutation and choice check their arguments", () => {
    const r = new NumpyRandom(0);
    expect(() => r.uniform(2, 1, 3)).toThrow("uniform: high must be >= low, got low 2 and high 1");
    expect(() => r.uniform(0, Infinity)).toThrow("uniform: high must be a finite number, got Infinity");
    expect(() => r.normal(0, -1)).toThrow("normal: scale must be >= 0, got -1");
    expect(() => r.permutation(-3)).toThrow("permutation: n must be a non-negative integer, got -3");
    expect(() => r.choice(3, 4, false)).toThrow("choice: size must be <= n without replacement, got size 4 and n 3");
    expect(() => r.choice(3, 2, true, [0.5, 0.5])).toThrow("choice: p must have n = 3 entries, got 2");
    expect(() => r.choice(2, 2, true, [0.5, 0.6])).toThrow("choice: p must sum to 1, got sum 1.1");
    expect(() => r.choice(0, 1)).toThrow("choice: n must be > 0 to draw 1 samples, got n 0");
    expect(() => r.shuffle(null as unknown as number[])).toThrow("shuffle: array must be an array or typed array, got null");
  });
});
