// The learner path in notebooks 08 and 08b: a wrong backward pass, run through the real kernel, gets feedback naming the
// mistake; a dScores derived without the 1/N is named, then fixed; 08b's initial loss and diagnosis, wrong, are named.
import { beforeAll, describe, expect, it } from "vitest";
import type { NotebookResult } from "../src/notebook/execute";
import type { Cell } from "../src/notebook/nbformat";
import { itGivesFeedback, runAsLearner } from "./helpers/learner-run";

// Typical mistakes, keyed by the answer cell's id (dScores stays right, so the backward checks see only their own bugs).
const WRONG: { [cellId: string]: string } = {
  "ch08-backward": [
    "let dW2: Matrix, db2: Matrix, dh: Matrix, dz1: Matrix, dW1: Matrix, db1: Matrix;",
    "dW2 = dScores.T.matmul(h).add(W2.T.mul(reg));  // transposed",
    "db2 = dScores.sum(0);",
    "dh = dScores.matmul(W2.T);",
    "dz1 = dh;                                      // ReLU's mask forgotten",
    "dW1 = X.T.matmul(dz1).add(W1.mul(reg));",
    "db1 = dz1.sum(0);",
  ].join("\n"),
  "ch08-initial-loss": "let expectedInitialLoss: number;\nexpectedInitialLoss = Math.log10(10);",
  "ch08-diagnose": 'let diagnosis: { gradCheckFails: string; nanValues: string; lossIncreases: string; lossFlat: string };\ndiagnosis = { gradCheckFails: "B", nanValues: "D", lossIncreases: "C", lossFlat: "A" };',
};

const FEEDBACK_08: { [testCellId: string]: RegExp } = {
  "ch08-layer2-tests": /^dW2 is not right\. Missing transpose: dW2 came out \[10, 3\], but a gradient has the shape of its value, W2's \[3, 10\]/,
  "ch08-hidden-tests": /dz1 is not right\. ReLU's local derivative \(its mask\) is missing/,
  "ch08-layer1-tests": /dW1 is not right\. This used dh, before ReLU's mask/,
  "ch08-dscores-tests-again-1": /^dScores is not right\. Missing 1\/N: every row is N = 5 times too large\./,
};

const FEEDBACK_08B: { [testCellId: string]: RegExp } = {
  "ch08-initial-loss-tests": /expectedInitialLoss = 1 is not right\. That is log₁₀\(10\)/,
  "ch08-diagnose-tests": /diagnosis: 2 of 4 matched\.[\s\S]*lossIncreases: "C" is not it/,
};

/** dScores as derived; `mean` false forgets that the data loss is the mean over the batch. */
const dScoresAnswer = (mean: boolean) =>
  ["const oneHot = Matrix.zeros(N, C);", "y.forEach((label, i) => oneHot.set(i, label, 1));", `const dScores = probs.sub(oneHot)${mean ? ".div(N)" : ""};`].join("\n");

// In 08 only the cells these exercises need: the notebook up to the backward checks.
const upToBackwardChecks = (_cell: Cell, i: number, cells: Cell[]): boolean => i <= cells.findIndex((c) => c.id === "ch08-layer1-tests");

// In 08b the setup, the digits and the two exercises.
const LATER = ["ch08b-setup", "ch08-digits", "ch08-initial-loss", "ch08-initial-loss-tests", "ch08-diagnose", "ch08-diagnose-tests"];

describe("notebooks 08 and 08b give specific feedback on wrong answers", () => {
  let in08: NotebookResult;
  let in08b: NotebookResult;
  beforeAll(async () => {
    [in08, in08b] = await runAsLearner([{
      file: "08-two-layer-softmax.ipynb", answers: WRONG, keep: upToBackwardChecks,
      // after the backward checks, dScores derived again without the 1/N, then fixed
      then: [{ id: "ch08-dscores", source: dScoresAnswer(false) }, { id: "ch08-dscores-tests" }, { id: "ch08-dscores", source: dScoresAnswer(true) }, { id: "ch08-dscores-tests" }],
    }, { file: "08b-sanity-checks-and-debugging.ipynb", answers: WRONG, keep: (cell) => LATER.includes(cell.id) }]);
  }, 10 * 60_000);

  it("every cell the exercises need is there", () => {
    const ran = [...in08.cells, ...in08b.cells].map((c) => c.id);
    for (const id of [...Object.keys(WRONG), ...Object.keys(FEEDBACK_08), ...Object.keys(FEEDBACK_08B)]) expect(ran, `cell ${id} ran`).toContain(id);
  });

  itGivesFeedback(() => in08, FEEDBACK_08);
  itGivesFeedback(() => in08b, FEEDBACK_08B);

  it("the right dScores next to the wrong answers still passes, and so does the fixed one", () => {
    for (const id of ["ch08-dscores-tests", "ch08-dscores-tests-again-3"]) {
      const cell = in08.cells.find((c) => c.id === id);
      expect(cell, `cell ${id} ran`).toBeDefined();
      expect(cell!.status, `${id}: ${cell!.evalue ?? ""}`).toBe("ok");
    }
  });
});
