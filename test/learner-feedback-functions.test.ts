// Answers that are functions (notebooks 04, 09, 10 and 11): typical wrong ones, run through the real kernel, get feedback naming the mistake.
import { beforeAll, describe, expect, it } from "vitest";
import type { NotebookResult } from "../src/notebook/execute";
import { itGivesFeedback, runAsLearner } from "./helpers/learner-run";

interface LearnerCase {
  file: string;
  /** the cells the exercises need, in notebook order (answer cells are replaced by WRONG) */
  keep: string[];
  wrong: { [answerCellId: string]: string };
  feedback: { [testCellId: string]: RegExp };
}

const CASES: LearnerCase[] = [
  {
    file: "04-one-step-by-hand.ipynb",
    keep: ["ch04-setup", "ch04-train-step", "ch04-train-step-tests"],
    wrong: {
      // right for the notebook's own target, but reads the global y instead of its target argument
      "ch04-train-step": [
        "function trainStep(net: Net, target: number) {",
        "  const a = net.W1.map((row, j) => sigma(row[0] * x[0] + row[1] * x[1] + net.b1[j]));",
        "  const yHat = sigma(net.W2[0] * a[0] + net.W2[1] * a[1] + net.b2);",
        "  const deltaOut = (yHat - y) * yHat * (1 - yHat);",
        "  const deltaHidden = a.map((aj, j) => net.W2[j] * deltaOut * aj * (1 - aj));",
        "  const dW1 = deltaHidden.map((d) => x.map((xi) => d * xi)), dW2 = a.map((aj) => deltaOut * aj);",
        "  const next = { ...net, W1: net.W1.map((r, j) => r.map((w, i) => w - eta * dW1[j][i])), W2: net.W2.map((w, j) => w - eta * dW2[j]) };",
        "  return { a, yHat, loss: 0.5 * (yHat - y) ** 2, deltaOut, deltaHidden, dW1, dW2, next };",
        "}",
      ].join("\n"),
    },
    feedback: {
      "ch04-train-step-tests": /trainStep\(another net, 0\)\.loss = [\d.]+ is not right\. trainStep read the notebook's y instead of its target argument/,
    },
  },
  {
    file: "09-training-on-digits.ipynb",
    keep: ["ch09-setup", "ch09-code-07", "ch09-train-loop", "ch09-train-loop-tests"],
    wrong: {
      // every step right but one: the gradients are never zeroed, so backward keeps adding onto the old ones
      "ch09-train-loop": [
        "function trainLoop(model: Module, data: Dataset, options: { epochs: number; batchSize: number; optimizer: Optimizer; seed: number }) {",
        "  const rng = new NumpyRandom(options.seed);",
        "  const loss: number[] = [];",
        "  for (let epoch = 0; epoch < options.epochs; epoch++) {",
        "    const order = rng.permutation(data.x.rows);",
        "    for (let i = 0; i < order.length; i += options.batchSize) {",
        "      const rows = order.slice(i, i + options.batchSize);",
        "      const scores = model.forward(new Tensor(takeRows(data.x, rows).data, [rows.length, data.x.cols]));",
        "      const L = softmaxCrossEntropy(scores, rows.map((r) => data.y[r]));",
        "      L.backward();",
        "      options.optimizer.step();",
        "      loss.push(L.data[0]);",
        "    }",
        "  }",
        "  return { loss };",
        "}",
      ].join("\n"),
    },
    feedback: {
      "ch09-train-loop-tests": /trainLoop\(model, spirals, \{ epochs: 2, batchSize: 32, seed: 3 \}\)\.loss is not right\. The gradients were never zeroed: backward ADDS into \.grad/,
    },
  },
  {
    file: "10-vanishing-and-exploding.ipynb",
    keep: ["ch10-setup", "ch10-product-bound", "ch10-product-bound-tests"],
    wrong: {
      "ch10-product-bound": "let productBound: (n: number, factor: number) => number;\nlet depthBelowOnePercent: number;\nproductBound = (n, f) => f * n;\ndepthBelowOnePercent = 21;",
    },
    feedback: {
      "ch10-product-bound-tests": /productBound\(20, 0\.8\) gave 16\. That multiplies the factor by n/,
    },
  },
  {
    file: "10b-exploding-gradients-and-clipping.ipynb",
    keep: ["ch10b-setup", "ch10-clip-by-norm", "ch10-clip-by-norm-tests"],
    wrong: {
      // clips each parameter's gradient by its own norm
      "ch10-clip-by-norm":
        "let clipByNorm: (grads: number[][], maxNorm: number) => number[][];\n" +
        "clipByNorm = (grads, maxNorm) => grads.map((g) => { const n = Math.hypot(...g); return g.map((v) => v * Math.min(1, maxNorm / (n + 1e-6))); });",
    },
    feedback: {
      "ch10-clip-by-norm-tests": /Each parameter was clipped on its own\. Clipping by norm uses ONE norm/,
    },
  },
  {
    file: "11-why-backprop-is-fast.ipynb",
    keep: ["ch11-setup", "ch11-code-03", "ch11-forward-mode", "ch11-forward-mode-tests", "ch11-billion", "ch11-billion-tests", "ch11-why-faster", "ch11-why-faster-tests"],
    wrong: {
      // seeds every parameter with derivative 1 in one pass
      "ch11-forward-mode": "let forwardModeGradient: (p: number[], H: number) => number[];\nforwardModeGradient = (p, H) => p.map(() => mlpLoss(p.map((v) => new Dual(v, 1)), H).derivative);",
      "ch11-billion": "let finiteDifferencePasses: (P: number) => number;\nlet speedupFor1B: number;\nfiniteDifferencePasses = (P) => 2 * P;\nspeedupFor1B = 2e9;",
      "ch11-why-faster": 'let whyFaster: string;\nwhyFaster = "A";',
    },
    feedback: {
      "ch11-forward-mode-tests": /Every entry is the sum of all the partial derivatives/,
      "ch11-billion-tests": /speedupFor1B = 2000000000 is not right\. That treats backpropagation as free/,
      "ch11-why-faster-tests": /whyFaster = "A" is not the best answer\. Backpropagation is exact/,
    },
  },
];

describe("notebooks 04, 09, 10 and 11 give specific feedback on wrong function answers", () => {
  const results = new Map<string, NotebookResult>();
  beforeAll(async () => {
    const runs = CASES.map((c) => ({ file: c.file, answers: c.wrong, keep: (cell: { id: string }) => c.keep.includes(cell.id) }));
    (await runAsLearner(runs)).forEach((result, i) => results.set(CASES[i].file, result));
  }, 10 * 60_000);

  for (const c of CASES) {
    it(`${c.file}: every cell the exercises need is there and the setup runs`, () => {
      const result = results.get(c.file)!;
      for (const id of c.keep) expect(result.cells.find((cell) => cell.id === id), `cell ${id} ran`).toBeDefined();
      for (const id of c.keep.filter((id) => !(id in c.feedback))) {
        expect(result.cells.find((cell) => cell.id === id)!.status, `cell ${id}`).toBe("ok");
      }
    });

    itGivesFeedback(() => results.get(c.file)!, c.feedback);
  }
});
