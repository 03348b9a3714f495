// checkFunction, checkDerivative, checkGradient: learner functions tested on inputs, and the feedback a wrong one gets.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkDerivative, checkFunction } from "./check-function";
import { checkGradient, numericalGradient } from "./check-gradient";
import { recordDisplays, thrown } from "./test-helpers";

let shown: ReturnType<typeof recordDisplays>;
beforeEach(() => (shown = recordDisplays()));
afterEach(() => shown.stop());

const relu = (x: number) => (x > 0 ? x : 0);
const reluGrad = (x: number) => (x > 0 ? 1 : 0);

describe("checkFunction", () => {
  it("passes a function that matches the reference at every point", () => {
    checkFunction("relu", (x: number) => Math.max(0, x), relu, { at: [-2, 0, 3] });
    checkFunction("add", (a: number, b: number) => a + b, (a, b) => b + a, { at: [[1, 2], [-1, 5]] });
    expect(shown.bundles[0]["text/plain"]).toBe("✓ relu matches at all 3 sample points");
  });

  it("names the first point where the function differs, and the value it should have", () => {
    expect(thrown(() => checkFunction("relu", (x: number) => x, relu, { at: [3, -2], hint: "negative inputs give 0" })).message).toBe(
      "relu(-2) gave -2, but it should be 0.\nHint: negative inputs give 0",
    );
  });

  it("recognises a known wrong function", () => {
    const mistakes = [{ value: () => 1, hint: "ReLU's slope is 0 for negative inputs, not 1." }];
    expect(thrown(() => checkFunction("reluGrad", () => 1, reluGrad, { at: [2, -1], mistakes })).message).toBe(
      "reluGrad is not right: reluGrad(-1) gave 1. ReLU's slope is 0 for negative inputs, not 1.",
    );
  });

  it("reports a function that throws, returns a non-number, or is missing", () => {
    const boom = () => {
      throw new Error("oops");
    };
    expect(thrown(() => checkFunction("f", boom, relu, { at: [1] })).message).toBe("f(1) threw: oops");
    expect(thrown(() => checkFunction("f", () => undefined, relu, { at: [1] })).message).toContain("f(1) is undefined");
    expect(thrown(() => checkFunction("f", undefined, relu, { at: [1] })).message).toBe("f is undefined. Did you run the cell that defines it?");
    expect(thrown(() => checkFunction("f", 3, relu, { at: [1] })).message).toBe("f should be a function, got the number 3.");
  });
});

describe("checkDerivative", () => {
  const f = (x: number) => x ** 3;
  it("passes a correct derivative and reports the worst relative error", () => {
    checkDerivative("df", (x: number) => 3 * x ** 2, f, { at: [-1, 0.5, 2] });
    expect(shown.bundles[0]["text/plain"]).toMatch(/^✓ df agrees with central differences at 3 points \(worst relative error [0-9.e-]+\)$/);
  });

  it("says how the derivative is off at the first bad point", () => {
    expect(thrown(() => checkDerivative("df", (x: number) => x ** 2, f, { at: [2] })).message).toMatch(
      /^df\(2\) = 4, but the slope measured by central differences there is 12 \(relative error 0\.666667\): your derivative is 3 times too small/,
    );
    expect(thrown(() => checkDerivative("df", (x: number) => -3 * x ** 2, f, { at: [2] })).message).toContain("right size but the wrong sign");
  });
});

describe("checkGradient", () => {
  const loss = (p: number[]) => (p[0] * p[1] - 3) ** 2;
  it("computes central differences", () => {
    const g = numericalGradient(loss, [1, 2]);
    expect(g[0]).toBeCloseTo(2 * (2 - 3) * 2, 8);
    expect(g[1]).toBeCloseTo(2 * (2 - 3) * 1, 8);
  });

  it("passes a right gradient and pinpoints a wrong entry", () => {
    checkGradient("grad", [-4, -2], loss, [1, 2]);
    expect(shown.bundles).toHaveLength(1);
    expect(thrown(() => checkGradient("grad", [-4, 2], loss, [1, 2])).message).toContain("grad[1] = 2, but central differences give -2");
    expect(thrown(() => checkGradient("grad", [-4], loss, [1, 2])).message).toBe(
      "grad has 1 entries, but f takes 2 inputs: one partial derivative per input.",
    );
  });

  it("measures gradcheck's relative error |a − n| / max(1e-8, |a| + |n|), so a small gradient is judged relative to its size", () => {
    const small = (p: number[]) => 1e-3 * p[0] ** 2; // gradient 2e-3 at 1
    // Off by 1e-6: an absolute error below 1e-6 would pass; relative to 2e-3 it is 2.5e-4.
    expect(thrown(() => checkGradient("grad", [2.001e-3], small, [1])).message).toContain("(relative error 0.000249938)");
    checkGradient("grad", [2e-3], small, [1]);
    expect(() => checkGradient("grad", [2e-3], small, [1], { h: 0 })).toThrow("checkGradient: h must be a positive finite number, got 0");
  });
});
