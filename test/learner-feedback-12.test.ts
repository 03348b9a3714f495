// Notebook 12 as a learner works it: each exercise answered wrong (feedback names the slip), then right; the table names the first wrong tensor.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { readNotebook, type Cell } from "../src/notebook/nbformat";
import { executeNotebook, type NotebookResult } from "../src/notebook/execute";
import { startJupyterServer } from "../src/notebook/server";
import { NOTEBOOKS } from "./helpers/learner-run";

const FILE = "12-backprop-ninja.ipynb";
const TABLE = "ch12-code-20"; // the compareGradients cell over all 21 tensors

// One typical slip per exercise, keyed by answer cell id, with the feedback its test cell must give.
const WRONG: { [answerId: string]: { source: string; feedback: RegExp } } = {
  "ch12-softmax": {
    source: [
      "const dlogProbs = val(Y).mul(-1 / N);",
      "const dprobs = dlogProbs.div(val(probs));",
      "const dcountsSum = dprobs.mul(val(counts)).div(val(countsSum).mul(val(countsSum))).sum(1).neg();",
      "const dcounts = dprobs.div(val(countsSum));   // the path through countsSum forgotten",
      "const dlogits = dcounts.mul(val(counts));",
    ].join("\n"),
    feedback: /dcounts is not right\. counts reaches the loss along two paths/,
  },
  "ch12-layer2": {
    source: ["const dh = dlogits.matmul(val(W2).T);", "const dW2 = val(h).T.matmul(dlogits);", "const db2 = dlogits;   // not summed over the batch"].join("\n"),
    feedback: /db2 is not right\. It still has one row per example\. b2 is shared by all 32 rows/,
  },
  "ch12-bn-affine": {
    source: [
      "const dhBn = dh.mul(val(h).map((t) => 1 - t * t));",
      "const dgamma = dhBn.mul(val(xHat)).sum(0);",
      "const dbeta = dhBn.sum(0);",
      "const dxHat = dhBn;   // γ forgotten",
    ].join("\n"),
    feedback: /dxHat is not right\. γ is missing/,
  },
  "ch12-bn-stats": {
    source: [
      "const dstd = dxHat.mul(val(diff)).div(val(std).mul(val(std))).sum(0).neg();",
      "const dvariance = dstd.div(val(std).mul(2));",
      "const ddiffSq = Matrix.ones(N, H).mul(dvariance).div(N - 1);   // Bessel's correction",
      "const ddiff = dxHat.div(val(std)).add(val(diff).mul(ddiffSq).mul(2));",
      "const dmu = ddiff.sum(0).neg();",
      "const dhPre = ddiff.add(dmu.div(N));",
    ].join("\n"),
    feedback: /ddiffSq is not right\. Divided by N − 1 \(Bessel's correction\), but the forward pass took the plain mean/,
  },
  "ch12-layer1": {
    source: ["const dW1 = dhPre.T.matmul(val(X));   // transposed", "const db1 = dhPre.sum(0);", "const dX = dhPre.matmul(val(W1).T);"].join("\n"),
    feedback: /dW1 has shape \[24, 784\], expected \[784, 24\]\. That is the transpose/,
  },
  "ch12-fused": {
    source: "const dhPreFused = val(std).map((s) => 1 / s).div(N).mul(dhBn.mul(N).sub(dhBn.sum(0)).sub(val(xHat).mul(dhBn.mul(val(xHat)).sum(0))));",
    feedback: /dhPreFused is not right\. γ is missing/,
  },
};

// A second slip in batch norm's statistics: the variance path dropped, shown by the table as well.
const DROPPED_VARIANCE = WRONG["ch12-bn-stats"].source
  .replace(".div(N - 1);   // Bessel's correction", ".div(N);")
  .replace("const ddiff = dxHat.div(val(std)).add(val(diff).mul(ddiffSq).mul(2));", "const ddiff = dxHat.div(val(std));   // variance treated as a constant");

/** The notebook up to the table, each exercise answered wrong, checked, answered right, checked again; the table at three moments. */
function learnerPath(cells: Cell[]): Cell[] {
  const copy = (cell: Cell, suffix: string, source?: string): Cell => ({ ...JSON.parse(JSON.stringify(cell)), id: `${cell.id}-${suffix}`, ...(source === undefined ? {} : { source }) });
  const byId = (id: string) => cells.find((c) => c.id === id)!;
  const out: Cell[] = [];
  for (const cell of cells) {
    const id = cell.id;
    if (id === TABLE) continue;
    if (id.endsWith("-tests") || cell.cell_type === "markdown") continue;
    if (id in WRONG) {
      out.push(copy(cell, "wrong", WRONG[id].source), copy(byId(`${id}-tests`), "wrong"));
      if (id === "ch12-bn-stats") out.push(copy(byId(TABLE), "bessel"), copy(cell, "dropped", DROPPED_VARIANCE), copy(byId(`${id}-tests`), "dropped"), copy(byId(TABLE), "dropped"));
      out.push(copy(cell, "right"), copy(byId(`${id}-tests`), "right"));
    } else {
      out.push(cell);
      if (id === "ch12-val") out.push(copy(byId(TABLE), "empty"));
    }
    if (id === "ch12-fused") break;
  }
  out.push(copy(byId(TABLE), "done"));
  return out;
}

const outputText = (result: NotebookResult, id: string): string => {
  const cell = result.notebook.cells.find((c) => c.id === id) as Cell & { outputs?: { data?: { [mime: string]: string | string[] } }[] };
  const text = (cell?.outputs ?? []).map((o) => o.data?.["text/plain"] ?? "").map((t) => (Array.isArray(t) ? t.join("") : t));
  return text.join("\n");
};
const html = (result: NotebookResult, id: string): string => {
  const cell = result.notebook.cells.find((c) => c.id === id) as Cell & { outputs?: { data?: { [mime: string]: string | string[] } }[] };
  return (cell?.outputs ?? []).map((o) => o.data?.["text/html"] ?? "").map((t) => (Array.isArray(t) ? t.join("") : t)).join("\n");
};

describe("notebook 12: each exercise wrong once and right once, through the kernel", () => {
  let result: NotebookResult;
  beforeAll(async () => {
    const server = await startJupyterServer({ rootDir: NOTEBOOKS });
    try {
      const nb = readNotebook(path.join(NOTEBOOKS, FILE));
      result = await executeNotebook(server, { ...nb, cells: learnerPath(nb.cells) }, { cwd: NOTEBOOKS, continueOnError: true, cellTimeoutMs: 120_000 });
    } finally {
      await server.stop();
    }
  }, 10 * 60_000);

  for (const [answerId, { feedback }] of Object.entries(WRONG)) {
    it(`${answerId}: the wrong answer's check names the slip, the right one passes`, () => {
      const wrong = result.cells.find((c) => c.id === `${answerId}-tests-wrong`);
      expect(wrong, "the wrong answer was checked").toBeDefined();
      expect(wrong!.ename).toBe("ExerciseError");
      expect(wrong!.evalue).toMatch(feedback);
      expect(result.cells.find((c) => c.id === `${answerId}-tests-right`)!.status).toBe("ok");
    });
  }

  it("dropping the variance path is named as such", () => {
    const cell = result.cells.find((c) => c.id === "ch12-bn-stats-tests-dropped")!;
    expect(cell.evalue).toMatch(/ddiff is not right\. The variance path is missing/);
  });

  it("before any answer, the table runs and says which gradient to write first", () => {
    expect(result.cells.find((c) => c.id === `${TABLE}-empty`)!.status).toBe("ok");
    const text = outputText(result, `${TABLE}-empty`);
    expect(text).toMatch(/dlogProbs +– +\[32, 10\] +– +not answered/);
    expect(text).toMatch(/nothing answered yet; start with dlogProbs/);
  });

  it("the table points at the first wrong tensor in graph order, in text and HTML", () => {
    expect(outputText(result, `${TABLE}-bessel`)).toMatch(/ddiffSq .*NO .*← first wrong\n[\s\S]*first wrong: ddiffSq \(max \|difference\|/);
    expect(outputText(result, `${TABLE}-dropped`)).toMatch(/first wrong: ddiff \(/);
    expect(html(result, `${TABLE}-dropped`)).toMatch(/>ddiff<\/td>(?:(?!<\/tr>)[\s\S])*← first wrong/);
    // The gradients above the slip still match: the table says so row by row.
    expect(outputText(result, `${TABLE}-dropped`)).toMatch(/dstd +\[1, 24\] +\[1, 24\] +(yes|no) +yes/);
  });

  it("once every answer is right, every row matches", () => {
    expect(outputText(result, `${TABLE}-done`)).toMatch(/all 21 gradients match autograd/);
  });
});
