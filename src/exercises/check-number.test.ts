// checkNumber: tolerances, and the feedback a wrong, sign-flipped, scaled or rounded number gets.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkNumber } from "./check-number";
import { ExerciseError } from "./errors";
import { recordDisplays, thrown } from "./test-helpers";

let shown: ReturnType<typeof recordDisplays>;
beforeEach(() => (shown = recordDisplays()));
afterEach(() => shown.stop());

const mistakes = [
  { value: -1.5, hint: "Forgot the 2: the derivative of (z2 − y)² is 2(z2 − y)." },
  { value: 1.5, hint: "Used z2 instead of z2 − y." },
];

describe("checkNumber", () => {
  it("passes within tolerance and shows one ✓ line naming the quantity", () => {
    expect(checkNumber("dL_dz2", -3.0000000001, -3)).toBeUndefined();
    expect(shown.bundles).toHaveLength(1);
    expect(shown.bundles[0]["text/plain"]).toBe("✓ dL_dz2 = -3");
    expect(shown.bundles[0]["text/html"]).toContain("✓ dL_dz2 = -3");
  });

  it("prints floating-point noise as the short number", () => {
    checkNumber("w1_new", 0.5 - 0.1 * -9, 1.4);
    expect(shown.bundles[0]["text/plain"]).toBe("✓ w1_new = 1.4");
  });

  it("throws an ExerciseError named ExerciseError", () => {
    const error = thrown(() => checkNumber("z1", 2, 1));
    expect(error).toBeInstanceOf(ExerciseError);
    expect(error.name).toBe("ExerciseError");
    expect(shown.bundles).toHaveLength(0);
  });

  it("gives the listed mistake's hint when the answer matches it", () => {
    expect(thrown(() => checkNumber("dL_dz2", -1.5, -3, { mistakes })).message).toBe(
      "dL_dz2 = -1.5 is not right. Forgot the 2: the derivative of (z2 − y)² is 2(z2 − y).",
    );
    expect(thrown(() => checkNumber("dL_dz2", 1.5, -3, { mistakes })).message).toContain("Used z2 instead of z2 − y.");
  });

  it("says the sign is flipped when only the sign is wrong", () => {
    expect(thrown(() => checkNumber("dL_dz2", 3, -3, { mistakes })).message).toBe("dL_dz2 = 3 has the right size but the wrong sign.");
  });

  it("names a missing or extra factor", () => {
    expect(thrown(() => checkNumber("dL_dw1", -4.5, -9)).message).toContain("2 times too small: a missing factor of 2?");
    expect(thrown(() => checkNumber("dL_dw1", -27, -9)).message).toContain("3 times too big: an extra factor of 3?");
    expect(thrown(() => checkNumber("dL_dw1", 18, -9)).message).toContain("wrong sign and is 2 times too big");
  });

  it("says too big or too small otherwise, and appends the generic hint", () => {
    const error = thrown(() => checkNumber("L", 2.9, 2.25, { hint: "L = (z2 − y)²." }));
    expect(error.message).toBe("L = 2.9 is too big.\nHint: L = (z2 − y)².");
    expect(thrown(() => checkNumber("L", 1.7, 2.25)).message).toBe("L = 1.7 is too small.");
  });

  it("recognises a zero and a near miss", () => {
    expect(thrown(() => checkNumber("dL_dw1", 0, -9)).message).toContain("is 0, but the answer is not");
    expect(thrown(() => checkNumber("L", 1.4401, 1.44)).message).toContain("close but not close enough");
    expect(thrown(() => checkNumber("grad", 0.3, 0)).message).toBe("grad = 0.3 is too big: the answer is 0.");
  });

  it("explains values that are not numbers", () => {
    expect(thrown(() => checkNumber("dL_dz2", undefined, -3)).message).toBe(
      "dL_dz2 is undefined. Did you run the cell above, and does it assign dL_dz2?",
    );
    expect(thrown(() => checkNumber("z2", NaN, 1.5)).message).toContain("z2 is NaN");
    expect(thrown(() => checkNumber("z2", Infinity, 1.5)).message).toContain("z2 is Infinity");
    expect(thrown(() => checkNumber("z2", "1.5", 1.5)).message).toContain('z2 is the string "1.5"');
    expect(thrown(() => checkNumber("z2", { data: 1.5 }, 1.5)).message).toContain("pass its number instead: z2.data (here 1.5)");
    expect(thrown(() => checkNumber("z2", [1.5], 1.5)).message).toContain("is an array");
    expect(thrown(() => checkNumber("z2", () => 1.5, 1.5)).message).toContain("Did you forget to call it");
    expect(thrown(() => checkNumber("z2", null, 1.5)).message).toContain("z2 is null");
  });

  it("honours a custom tolerance", () => {
    checkNumber("yHat", 0.762, 0.7621, { tolerance: 1e-3 });
    expect(thrown(() => checkNumber("yHat", 0.762, 0.7621)).message).toContain("close but not close enough");
  });

  it("rejects a test cell whose expected value is not finite", () => {
    expect(thrown(() => checkNumber("z", 1, NaN)).message).toContain("a bug in the test cell");
  });
});
