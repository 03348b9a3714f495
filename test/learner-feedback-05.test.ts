// The learner path at the end of notebook 05 through the real kernel: a training step that never zeroes the
// gradients gets feedback naming that, then the right step (on a fresh model) trains the moons and passes.
import { beforeAll, describe, expect, it } from "vitest";
import type { NotebookResult } from "../src/notebook/execute";
import type { Cell } from "../src/notebook/nbformat";
import { itGivesFeedback, runAsLearner } from "./helpers/learner-run";

/** The learner's two functions; `zeroing` false leaves out the line that zeroes the gradients. */
function answer(zeroing: boolean): string {
  return [
    "function mlpForward(layers: Layer[], x: number[]): Node {",
    "  let h = x.map((v) => leaf(v));",
    "  for (let l = 0; l < layers.length; l++) {",
    "    const sums = layers[l].w.map((row, j) => row.reduce((s, w, k) => add(s, mul(w, h[k])), layers[l].b[j]));",
    "    h = l < layers.length - 1 ? sums.map(tanh) : sums;",
    "  }",
    "  return h[0];",
    "}",
    "function trainStep(layers: Layer[], xs: number[][], ys: number[], lr: number): number {",
    "  const loss = hingeLoss(xs.map((x) => mlpForward(layers, x)), ys);",
    ...(zeroing ? ["  parameters(layers).forEach((p) => { p.grad = 0; });"] : []),
    "  backward(loss);",
    "  parameters(layers).forEach((p) => { p.data -= lr * p.grad; });",
    "  return loss.data;",
    "}",
  ].join("\n");
}

// The engine the MLP is built on, then the MLP cells; nothing else of the notebook.
const ENGINE = ["ch05-setup", "ch05-code-06", "ch05-add", "ch05-mul", "ch05-tanh", "ch05-code-16", "ch05-topo", "ch05-backward"];
const MLP = ["ch05-mlp-setup", "ch05-mlp", "ch05-mlp-tests", "ch05-mlp-train", "ch05-moons-tests"];
const keep = (cell: Cell) => ENGINE.includes(cell.id) || MLP.includes(cell.id);

describe("notebook 05: the learner's engine trains an MLP on the moons", () => {
  let result: NotebookResult;
  beforeAll(async () => {
    [result] = await runAsLearner([
      {
        file: "05-scalar-autograd.ipynb",
        answers: { "ch05-mlp": answer(false) },
        keep,
        // fixed: a fresh model, the right step, its check, the training and the accuracy check again
        then: [{ id: "ch05-mlp-setup" }, { id: "ch05-mlp", source: answer(true) }, { id: "ch05-mlp-tests" }, { id: "ch05-mlp-train" }, { id: "ch05-moons-tests" }],
      },
    ]);
  }, 10 * 60_000);

  itGivesFeedback(() => result, {
    "ch05-mlp-tests": /trainStep losses \(3 steps, lr 0\.5\) is not right\. The gradients were never zeroed/,
    "ch05-moons-tests": /^Training accuracy is \d+% \(the target is 95%\)\. The gradients were never zeroed/,
  });

  it("after the fix both checks pass", () => {
    for (const id of ["ch05-mlp-tests-again-2", "ch05-moons-tests-again-4"]) {
      const cell = result.cells.find((c) => c.id === id);
      expect(cell, `cell ${id} ran`).toBeDefined();
      expect(cell!.status, `${id}: ${cell!.evalue ?? ""}`).toBe("ok");
    }
  });
});
