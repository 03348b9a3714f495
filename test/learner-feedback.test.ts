// The learner path in notebook 03 through the real kernel: unanswered → "not answered yet", each wrong answer →
// the hint for that mistake, the same mistake again → more help, the right answer → ✓.
import { beforeAll, describe, expect, it } from "vitest";
import type { NotebookResult } from "../src/notebook/execute";
import { TYPESCRIPT_CODE_STUB } from "../src/grading/markers";
import { itGivesFeedback, runAsLearner } from "./helpers/learner-run";

// One typical mistake per answer cell of 03, keyed by the answer cell's id, written as a learner would (const).
const WRONG: { [cellId: string]: string } = {
  "ch03-forward": "const z1 = w1 * x + b1;\nconst a1 = Math.max(0, z1);\nconst z2 = w2 * a1 + b2;\nconst L = 0.5 * (z2 - y) ** 2;",
  "ch03-factors": "const dL_dz2 = 2 * (y - z2);\nconst dz2_da1 = a1;\nconst da1_dz1 = 1;\nconst dz1_dw1 = w1;",
  "ch03-dL-dw1": "const dL_dw1 = dL_dz2 * dz2_da1 * da1_dz1;",
  "ch03-update": "let w1_new: number;\nw1_new = w1 + alpha * -9;",
  "ch03-step-size": "function alphaFor() { return 0.0556; }\nconst alphaExact = alphaFor();\nconst alphaMax = 1 / 18;",
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

const cell = (result: NotebookResult, id: string) => {
  const found = result.cells.find((c) => c.id === id);
  expect(found, `cell ${id} ran`).toBeDefined();
  return found!;
};

describe("notebook 03 gives specific feedback on wrong answers", () => {
  let wrong: NotebookResult;
  let unanswered: NotebookResult;
  beforeAll(async () => {
    const answerCells = [...Object.keys(WRONG), "ch03-forward-again", "ch03-match-steps"];
    const stubs = Object.fromEntries(answerCells.map((id) => [id, TYPESCRIPT_CODE_STUB]));
    [wrong, unanswered] = await runAsLearner([
      {
        file: "03-trace-a-gradient.ipynb",
        answers: WRONG,
        // the learner reruns the failing check twice, then fixes the answer and reruns it once more
        then: [
          { id: "ch03-dL-dz2-tests" },
          { id: "ch03-dL-dz2-tests" },
          { id: "ch03-factors", source: "const dL_dz2 = 2 * (z2 - y);\nconst dz2_da1 = w2;\nconst da1_dz1 = 1;\nconst dz1_dw1 = x;" },
          { id: "ch03-dL-dz2-tests" },
        ],
      },
      { file: "03-trace-a-gradient.ipynb", answers: stubs, keep: (c) => c.cell_type === "markdown" || !String(c.id).startsWith("ch03-code") },
    ]);
  }, 10 * 60_000);

  itGivesFeedback(() => wrong, EXPECTED_FEEDBACK);

  it("a right answer next to the wrong ones still passes (da1_dz1 = 1)", () => {
    expect(cell(wrong, "ch03-da1-dz1-tests").status).toBe("ok");
  });

  it("the same mistake again gets the key's hint; the first failure did not give it", () => {
    expect(cell(wrong, "ch03-dL-dz2-tests").evalue).not.toContain("Hint:");
    expect(cell(wrong, "ch03-dL-dz2-tests-again-0").evalue).toMatch(/Wrong sign[\s\S]*\nHint: ∂L\/∂z2 = 2\(z2 − y\)/);
    expect(cell(wrong, "ch03-dL-dz2-tests-again-1").evalue).toMatch(/\nHint: /);
  });

  it("the fixed answer passes when its check runs again", () => {
    expect(cell(wrong, "ch03-dL-dz2-tests-again-3").status).toBe("ok");
  });

  it("every check of an unanswered exercise says so and names the answer cell, never a compile error", () => {
    const checks = unanswered.cells.filter((c) => String(c.id).endsWith("-tests"));
    expect(checks.length).toBe(10);
    for (const c of checks) {
      expect(c.status, c.id).toBe("error");
      expect(c.ename, c.id).toBe("NotAnsweredError");
      expect(c.evalue, c.id).toMatch(/^`\w+` is not answered yet: fill in the cell above \(ch03-[\w-]+\)$/);
    }
    expect(cell(unanswered, "ch03-forward-tests").evalue).toBe("`z1` is not answered yet: fill in the cell above (ch03-forward)");
    expect(cell(unanswered, "ch03-dz1-dw1-tests").evalue).toBe("`dz1_dw1` is not answered yet: fill in the cell above (ch03-factors)");
  });
});
