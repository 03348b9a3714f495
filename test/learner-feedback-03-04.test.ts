// Deriving before being told, in 03 and 04, through the real kernel: a catalogued wrong turn is named on the first
// failure, the formula comes as the hint of the second, and the right derivation then passes.
import { beforeAll, describe, expect, it } from "vitest";
import type { NotebookResult } from "../src/notebook/execute";
import type { Cell } from "../src/notebook/nbformat";
import { itGivesFeedback, runAsLearner } from "./helpers/learner-run";

// 03's factors, each derived by a catalogued wrong turn except ReLU's slope.
const WRONG_03 = {
  "ch03-factors": "const dL_dz2 = 2 * (z2 - y) ** 2;\nconst dz2_da1 = x;\nconst da1_dz1 = z1 > 0 ? 1 : 0;\nconst dz1_dw1 = b1;",
};

// 04's derived answers, each with one catalogued wrong turn and every value upstream of it right (computed inline).
const DELTA_OUT = "(yHat - y) * yHat * (1 - yHat)";
const WRONG_04 = {
  "ch04-delta-out": "const deltaOut = (yHat - y) * zo * (1 - zo);",
  "ch04-dW2": `const dOutForW2 = ${DELTA_OUT};\nconst dW2 = [dOutForW2, dOutForW2];`,
  "ch04-delta-hidden": `const dOutForHidden = ${DELTA_OUT};\nconst deltaHidden = zh.map((z, j) => W2[j] * dOutForHidden * z * (1 - z));`,
  "ch04-dW1": `const dOutForW1 = ${DELTA_OUT};\nconst dHidden = a.map((aj, j) => W2[j] * dOutForW1 * aj * (1 - aj));\nconst dW1 = x.map((xi) => dHidden.map((d) => d * xi));`,
  "ch04-biases": `const db1 = W2.map((w) => w * ${DELTA_OUT});\nconst db2 = ${DELTA_OUT};`,
};

const FIRST_03: { [testCellId: string]: RegExp } = {
  "ch03-dL-dz2-tests": /^dL_dz2 = 4\.5 is not right\. That is 2\(z2 − y\)², twice the loss: the power rule lowers the exponent/,
  "ch03-dz2-da1-tests": /^dz2_da1 = 2 is not right\. That is x, the network's input/,
  "ch03-dz1-dw1-tests": /^dz1_dw1 = 0 is not right\. b1 is a constant, but w1 · x is not/,
};
const FIRST_04: { [testCellId: string]: RegExp } = {
  "ch04-delta-out-tests": /^deltaOut = [\d.]+ is not right\. σ'\(z\) = s\(1 − s\) with s = σ\(z\), the activation ŷ, not the pre-activation z/,
  "ch04-dW2-tests": /^dW2 is not right\. That is δo for both weights, which is the bias's gradient/,
  "ch04-delta-hidden-tests": /^deltaHidden is not right\. σ'\(z\) = s\(1 − s\) with s = σ\(z\), the activation a_j, not the pre-activation zh_j/,
  "ch04-dW1-tests": /^dW1 is not right\. It is transposed: row j must hold hidden neuron j's two wires/,
  "ch04-biases-tests": /^db1 is not right\. That is W2·δo, before the hidden sigmoid's slope/,
};
// The formula each check gives on the second failure, and only then.
const FORMULA: { [testCellId: string]: RegExp } = {
  "ch03-dz2-da1-tests": /\nHint: ∂z2\/∂a1 = w2/,
  "ch04-delta-out-tests": /\nHint: δo = \(ŷ − y\) · ŷ\(1 − ŷ\)/,
  "ch04-dW2-tests": /\nHint: ∂L\/∂W2\[j\] = δo · a_j/,
  "ch04-delta-hidden-tests": /\nHint: δh_j = W2\[j\] · δo · a_j\(1 − a_j\)/,
  "ch04-dW1-tests": /\nHint: dW1\[j\]\[i\] = δh_j · x_i/,
  "ch04-biases-tests": /\nHint: A bias's input is the constant 1/,
};

/** The learner reruns the failing check, then runs the instructor's answer and the check once more. */
const retryThenFix = (pairs: [answer: string, test: string][]) => pairs.flatMap(([answer, test]) => [{ id: test }, { id: answer }, { id: test }]);
const until = (lastId: string) => (_: Cell, i: number, cells: Cell[]) => i <= cells.findIndex((c) => c.id === lastId);
const PAIRS_03: [string, string][] = [["ch03-factors", "ch03-dz2-da1-tests"]];
const PAIRS_04: [string, string][] = Object.keys(FIRST_04).map((test) => [test.replace(/-tests$/, ""), test]);

describe("03 and 04: derive first, the formula after", () => {
  let run03: NotebookResult;
  let run04: NotebookResult;
  beforeAll(async () => {
    [run03, run04] = await runAsLearner([
      { file: "03-trace-a-gradient.ipynb", answers: WRONG_03, keep: until("ch03-dz1-dw1-tests"), then: retryThenFix(PAIRS_03) },
      {
        file: "04-one-step-by-hand.ipynb",
        answers: WRONG_04,
        keep: (c, i, cells) => until("ch04-dW1-tests")(c, i, cells) || ["ch04-biases", "ch04-biases-tests"].includes(c.id),
        then: retryThenFix(PAIRS_04),
      },
    ]);
  }, 10 * 60_000);

  itGivesFeedback(() => run03, FIRST_03);
  itGivesFeedback(() => run04, FIRST_04);

  it("the first failure names the mistake without the formula; the second adds it", () => {
    for (const [test, formula] of Object.entries(FORMULA)) {
      const result = test.startsWith("ch03") ? run03 : run04;
      const pairs = test.startsWith("ch03") ? PAIRS_03 : PAIRS_04;
      const first = result.cells.find((c) => c.id === test)!;
      const again = result.cells.find((c) => c.id === `${test}-again-${3 * pairs.findIndex(([, t]) => t === test)}`)!;
      expect(first.evalue, test).not.toMatch(/Hint:/);
      expect(again.ename, `${test} again`).toBe("ExerciseError");
      expect(again.evalue, `${test} again`).toMatch(formula);
    }
  });

  it("the right derivation then passes every check", () => {
    for (const [result, pairs] of [[run03, PAIRS_03], [run04, PAIRS_04]] as const) {
      pairs.forEach(([, test], k) => {
        const fixed = result.cells.find((c) => c.id === `${test}-again-${3 * k + 2}`);
        expect(fixed?.status, `${test} after the fix`).toBe("ok");
      });
    }
  });

  it("ReLU's slope, derived right, passes next to the wrong factors", () => {
    expect(run03.cells.find((c) => c.id === "ch03-da1-dz1-tests")!.status).toBe("ok");
  });
});
