// Notebook 06's key: the right gradients pass, and every catalogued wrong derivation fails with its own message.
import { describe, expect, it } from "vitest";
import { failureOf, itNamesEveryMistake, rightAnswers } from "./key-catalogue-test-helpers";

describe("ch06 key", () => {
  itNamesEveryMistake("ch06-backward", 13);
  itNamesEveryMistake("ch06-batch", 7);

  it("a missing transpose is named as such, with both shapes", () => {
    const right = rightAnswers("ch06-backward");
    const dW2 = right.dW2 as { T: unknown };
    expect(failureOf("ch06-backward", { ...right, dW2: dW2.T }).message).toMatch(/^dW2 is not right\. Missing transpose: dW2 came out \[4, 1\], but .* W2's \[1, 4\]/);
  });

  it("the second failure of the same check adds the formula as the hint", () => {
    const right = rightAnswers("ch06-backward");
    const wrongDz1 = { ...right, dz1: right.da1 };
    failureOf("ch06-backward", wrongDz1); // at least one failure before
    const again = failureOf("ch06-backward", wrongDz1).message;
    expect(again).toContain("ReLU's local derivative (its mask) is missing");
    expect(again).toContain("Hint: dz1 = da1 ⊙ 1[z1 > 0]");
  });
});
