/** loadDigits: the package's 10,000 digits, parsed exactly, split by a seeded numpy-compatible shuffle. */

import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { DIGIT_PIXELS, digitImage, digitsPool, loadDigits } from "./digits";

describe("digitsPool", () => {
  it("holds 10,000 digits of 784 pixels in [0, 1], grouped by class in package order", () => {
    const { pixels, labels } = digitsPool();
    expect(labels.length).toBe(10_000);
    expect(pixels.length).toBe(10_000 * DIGIT_PIXELS);
    const counts = new Array(10).fill(0);
    for (const l of labels) counts[l]++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of pixels) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect([lo, hi]).toEqual([0, 1]);
  });

  it("parses the JSON to exactly the numbers JSON.parse gives", () => {
    const file = path.join(path.dirname(require.resolve("mnist/package.json")), "src", "digits", "5.json");
    const ref: number[] = JSON.parse(fs.readFileSync(file, "utf8")).data;
    const offset = (1001 + 1127 + 991 + 1032 + 980) * DIGIT_PIXELS; // classes 0-4 come first
    const { pixels } = digitsPool();
    let mismatches = 0;
    for (let i = 0; i < ref.length; i++) if (pixels[offset + i] !== ref[i]) mismatches++;
    expect(ref.length).toBe(863 * DIGIT_PIXELS);
    expect(mismatches).toBe(0);
  });

  it("parses once per process", () => {
    expect(digitsPool()).toBe(digitsPool());
  });
});

describe("loadDigits", () => {
  it("defaults to 8000 train / 0 validation / 2000 test, split like numpy's permutation", () => {
    const { train, validation, test } = loadDigits();
    expect(train.x.shape).toEqual([8000, 784]);
    expect(validation.x.shape).toEqual([0, 784]);
    expect(test.x.shape).toEqual([2000, 784]);
    // labels = np.repeat(np.arange(10), counts); np.random.seed(0); o = np.random.permutation(10000)
    // labels[o[:12]], labels[o[8000:8012]], np.bincount(labels[o[:8000]])
    expect(train.y.slice(0, 12)).toEqual([9, 0, 2, 5, 2, 8, 5, 6, 2, 3, 1, 1]);
    expect(test.y.slice(0, 12)).toEqual([3, 9, 8, 3, 8, 2, 6, 2, 4, 6, 3, 9]);
    const counts = new Array(10).fill(0);
    for (const l of train.y) counts[l]++;
    expect(counts).toEqual([805, 896, 797, 811, 789, 695, 805, 859, 767, 776]);
  });

  it("copies each digit's pixels with its label (np.random.permutation(10000)[0] is 9394)", () => {
    const { train } = loadDigits({ train: 1, test: 0 });
    const { pixels, labels } = digitsPool();
    expect(Array.from(train.x.data)).toEqual(Array.from(pixels.subarray(9394 * 784, 9395 * 784)));
    expect(train.y).toEqual([labels[9394]]);
  });

  it("validation comes between train and test; a seed changes the split", () => {
    const s = loadDigits({ seed: 7, train: 5000, validation: 3000, test: 2000 });
    // np.random.seed(7); labels[np.random.permutation(10000)[5000:5010]]
    expect(s.validation.y.slice(0, 10)).toEqual([3, 9, 3, 1, 2, 4, 7, 7, 1, 3]);
    expect(s.train.y.length + s.validation.y.length + s.test.y.length).toBe(10_000);
    expect(loadDigits({ seed: 7, train: 20, test: 0 }).train.y).toEqual(s.train.y.slice(0, 20));
  });

  it("digitImage turns a row into a 28 x 28 grid", () => {
    const { train } = loadDigits({ train: 2, test: 0 });
    const img = digitImage(train.x, 1);
    expect(img).toHaveLength(28);
    expect(img[27]).toHaveLength(28);
    expect(img[14][7]).toBe(train.x.data[784 + 14 * 28 + 7]);
    expect(() => digitImage(train.x, 2)).toThrow("digitImage: i must lie in [0, 2), got 2");
  });

  it("rejects impossible splits with the numbers that came", () => {
    expect(() => loadDigits({ train: 9000, test: 2000 })).toThrow(
      "loadDigits: train + validation + test must be at most 10000, got 9000 + 0 + 2000 = 11000",
    );
    expect(() => loadDigits({ train: -1 })).toThrow("loadDigits: train must be a non-negative integer, got -1");
    expect(() => loadDigits({ validation: 2.5 })).toThrow("loadDigits: validation must be a non-negative integer, got 2.5");
    expect(() => loadDigits({ train: 0, test: 0 })).toThrow("loadDigits: at least one of train, validation, test must be > 0");
    expect(() => loadDigits({ seed: -1 })).toThrow("NumpyRandom: seed must be an integer in [0, 2^32), got -1");
  });
});
