// The learner path in notebook 06 through the real kernel: a derivation with a catalogued slip gets a message naming it,
// the same slip again adds the formula, and the fixed answer passes.
import { beforeAll, describe, expect, it } from "vitest";
import type { NotebookResult } from "../src/notebook/execute";
import type { Cell } from "../src/notebook/nbformat";
import { itGivesFeedback, runAsLearner } from "./helpers/learner-run";

/** The five backward lines; `transposed` writes dW2 as a1 @ dz2, the outer product the wrong way round. */
function backward(transposed: boolean): string {
  return [
    "const dz2 = z2.sub(y);",
    transposed ? "const dW2 = a1.matmul(dz2);" : "const dW2 = dz2.matmul(a1.T);",
    "const da1 = W2init.T.matmul(dz2);",
    "const dz1 = da1.mul(z1.map((v) => (v > 0 ? 1 : 0)));",
    "const dW1 = dz1.matmul(X.T);",
  ].join("\n");
}

/** The batch's gradients; `summed` false leaves db1batch with one column per example. */
function batch(summed: boolean): string {
  return ["const dWb1 = dzb1.matmul(Xbatch.T);", summed ? "const db1batch = dzb1.sum(1);" : "const db1batch = dzb1;"].join("\n");
}

// The notebook up to the batch exercise's check.
const keep = (cell: Cell, i: number, cells: Cell[]) => i <= cells.findIndex((c) => c.id === "ch06-batch-tests");

describe("notebook 06: deriving the matrix backward pass, wrong and then right", () => {
  let result: NotebookResult;
  beforeAll(async () => {
    [result] = await runAsLearner([
      {
        file: "06-vectorized-backprop.ipynb",
        answers: { "ch06-backward": backward(true), "ch06-batch": batch(false) },
        keep,
        then: [
          { id: "ch06-backward-tests" }, // the same slip checked again: now with the formula
          { id: "ch06-backward", source: backward(false) },
          { id: "ch06-backward-tests" },
          { id: "ch06-batch", source: batch(true) },
          { id: "ch06-batch-tests" },
        ],
      },
    ]);
  }, 10 * 60_000);

  itGivesFeedback(() => result, {
    "ch06-backward-tests": /^dW2 is not right\. Missing transpose: dW2 came out \[4, 1\], but a gradient has the shape of its value, W2's \[1, 4\]\./,
    "ch06-backward-tests-again-0": /Missing transpose[\s\S]*\nHint: dW2 = dz2 @ a1ᵀ/,
    "ch06-batch-tests": /^db1batch is not right\. Forgot to sum over the batch: this still has one column per example\./,
  });

  it("the first message names the slip without giving the formula", () => {
    expect(result.cells.find((c) => c.id === "ch06-backward-tests")!.evalue).not.toContain("Hint:");
  });

  it("after the fix both checks pass", () => {
    for (const id of ["ch06-backward-tests-again-2", "ch06-batch-tests-again-4"]) {
      const cell = result.cells.find((c) => c.id === id);
      expect(cell, `cell ${id} ran`).toBeDefined();
      expect(cell!.status, `${id}: ${cell!.evalue ?? ""}`).toBe("ok");
    }
  });
});
