// The learner path in notebook 03: wrong answers, run through the real kernel, get feedback that names the mistake.
import { beforeAll, describe, expect, it } from "vitest";
import type { NotebookResult } from "../src/notebook/execute";
import { itGivesFeedback, runAsLearner } from "./helpers/learner-run";

// One typical mistake per answer cell of 03, keyed by the answer cell's id.
const WRONG: { [cellId: string]: string } = {
  "ch03-forward": "let z1: number, a1: number, z2: number, L: number;\nz1 = w1 * x + b1;\na1 = Math.max(0, z1);\nz2 = w2 * a1 + b2;\nL = 0.5 * (z2 - y) ** 2;",
  "ch03-factors": "let dL_dz2: number, dz2_da1: number, da1_dz1: number, dz1_dw1: number;\ndL_dz2 = 2 * (y - z2);\ndz2_da1 = a1;\nda1_dz1 = 1;\ndz1_dw1 = w1;",
  "ch03-dL-dw1": "let dL_dw1: number;\ndL_dw1 = dL_dz2 * dz2_da1 * da1_dz1;",
  "ch03-update": "let w1_new: number;\nw1_new = w1 + alpha * -9;",
  "ch03-step-size": "let alphaExact: number, alphaMax: number;\nalphaExact = 0.0556;\nalphaMax = 1 / 18;",
};

// What each test cell must say: the quantity, what came, and the hint for that mistake.
const EXPECTED_FEEDBACK: { [testCellId: string]: RegExp } = {
  "ch03-forward-tests": /L = 1\.125 is not right\. That is ½\(z2 − y\)²/,
  "ch03-dL-dz2-tests": /dL_dz2 = 3 is not right\. Wrong sign/,
  "ch03-dz2-da1-tests": /dz2_da1 = 1 is not right\. That is a1/,
  "ch03-dz1-dw1-tests": /dz1_dw1 = 0\.5 is not right\. That is w1/,
  // learner's own (wrong) factors multiply to 3 · 1 · 1 = 3 with the flipped sign: the product check says so
  "ch03-dL-dw1-tests": /dL_dw1 = 3 /,
  "ch03-update-tests": /w1_new = -0\.4 is not right\. You stepped uphill/,
  "ch03-step-size-tests": /alphaExact = 0\.0556 is close but not close enough: did you round/,
};

describe("notebook 03 gives specific feedback on wrong answers", () => {
  let result: NotebookResult;
  beforeAll(async () => {
    [result] = await runAsLearner([{ file: "03-trace-a-gradient.ipynb", answers: WRONG }]);
  }, 10 * 60_000);

  itGivesFeedback(() => result, EXPECTED_FEEDBACK);

  it("a right answer next to the wrong ones still passes (da1_dz1 = 1)", () => {
    expect(result.cells.find((c) => c.id === "ch03-da1-dz1-tests")!.status).toBe("ok");
  });
});
