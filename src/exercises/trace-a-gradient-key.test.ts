// Notebook 03's key: each factor a learner derives by a known wrong turn gets a message naming that turn, and the formula only on a second failure.
import { describe, expect, it, vi } from "vitest";
import { check } from "./check";
import { catalogueProblems } from "./key-catalogue-test-helpers";
import { recordDisplays, thrown } from "./test-helpers";

// The problem data of notebook 03 and its forward pass, written as a learner would.
const x = 2.0, w1 = 0.5, b1 = 0.0, w2 = 1.5, b2 = 0.0, y = 3.0;
const z1 = w1 * x + b1, a1 = Math.max(0, z1), z2 = w2 * a1 + b2, L = (z2 - y) ** 2;

const FACTORS = ["ch03-dL-dz2", "ch03-dz2-da1", "ch03-da1-dz1", "ch03-dz1-dw1", "ch03-dL-dw1"];

/** The first line of what check says to `value` given as `name` of `gradeId`. */
function feedback(gradeId: string, name: string, value: number): string {
  return thrown(() => check(gradeId, () => ({ [name]: value }))).message.split("\n")[0];
}

describe("ch03 key: the four factors, derived", () => {
  for (const id of FACTORS) {
    it(`${id}: the right answer passes and every catalogued mistake is named by its own message`, () => {
      expect(catalogueProblems(id).problems).toEqual([]);
    });
  }

  it("names each wrong turn in deriving ∂L/∂z2 = 2(z2 − y)", () => {
    expect(feedback("ch03-dL-dz2", "dL_dz2", 2 * (y - z2))).toMatch(/Wrong sign/);
    expect(feedback("ch03-dL-dz2", "dL_dz2", z2 - y)).toMatch(/The 2 is missing/);
    expect(feedback("ch03-dL-dz2", "dL_dz2", 2 * (z2 - y) ** 2)).toMatch(/power rule lowers the exponent/);
    expect(feedback("ch03-dL-dz2", "dL_dz2", L)).toMatch(/the loss L itself/);
    expect(feedback("ch03-dL-dz2", "dL_dz2", 0)).toMatch(/does depend on z2/);
  });

  it("names the wrong quantity read off z2 = w2·a1 + b2 and z1 = w1·x + b1", () => {
    expect(feedback("ch03-dz2-da1", "dz2_da1", a1)).toMatch(/That is a1/);
    expect(feedback("ch03-dz2-da1", "dz2_da1", x)).toMatch(/That is x, the network's input/);
    expect(feedback("ch03-dz2-da1", "dz2_da1", w1)).toMatch(/That is w1, the first layer's weight/);
    expect(feedback("ch03-dz2-da1", "dz2_da1", b2)).toMatch(/b2 is a constant/);
    expect(feedback("ch03-dz1-dw1", "dz1_dw1", w1)).toMatch(/That is w1/);
    expect(feedback("ch03-dz1-dw1", "dz1_dw1", z1)).toMatch(/That is z1/);
    expect(feedback("ch03-dz1-dw1", "dz1_dw1", b1)).toMatch(/b1 is a constant/);
  });

  it("names a closed ReLU and the kink's ½ where z1 is open", () => {
    expect(feedback("ch03-da1-dz1", "da1_dz1", z1 < 0 ? 1 : 0)).toMatch(/slope is 0 only where z1 < 0/);
    expect(feedback("ch03-da1-dz1", "da1_dz1", 0.5)).toMatch(/kink/);
  });

  it("gives the formula only from the second failure of the same check on", async () => {
    vi.resetModules(); // a fresh check: the failures counted by the tests above are forgotten, as in a new kernel
    const fresh = (await import("./check")).check;
    const first = thrown(() => fresh("ch03-dz2-da1", () => ({ dz2_da1: 7 }))).message;
    expect(first).not.toMatch(/Hint:/);
    expect(first).not.toMatch(/= w2/);
    const second = thrown(() => fresh("ch03-dz2-da1", () => ({ dz2_da1: 7 }))).message;
    expect(second).toMatch(/\nHint: ∂z2\/∂a1 = w2/);
    const shown = recordDisplays();
    try {
      fresh("ch03-dz2-da1", () => ({ dz2_da1: w2 }));
      expect(shown.bundles.length).toBe(1);
    } finally {
      shown.stop();
    }
  });
});
