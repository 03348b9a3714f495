/** gradCheckTensors on the real Tensor ops, through the package entry, and reports/graphs feeding the plots. */

import { describe, expect, it } from "vitest";
import {
  NumpyRandom,
  Tensor,
  Value,
  exportGraph,
  formatGradCheck,
  gradCheckPlot,
  gradCheckTensors,
  graphPlot,
  matmul,
  relu,
  softmaxCrossEntropy,
  add,
} from "../src/index";

function param(rng: NumpyRandom, rows: number, cols: number, label: string): Tensor {
  return new Tensor(rng.randn(rows, cols), [rows, cols], { requiresGrad: true, label });
}

describe("gradCheckTensors with Tensor", () => {
  it("a two-layer net's loss passes for every parameter", () => {
    const rng = new NumpyRandom(0);
    const x = new Tensor(rng.randn(5, 4), [5, 4]);
    const W1 = param(rng, 4, 6, "W1");
    const b1 = param(rng, 1, 6, "b1");
    const W2 = param(rng, 6, 3, "W2");
    const labels = [0, 2, 1, 1, 0];
    const report = gradCheckTensors(() => softmaxCrossEntropy(matmul(relu(add(matmul(x, W1), b1)), W2), labels), [W1, b1, W2]);
    expect(report.params.map((p) => [p.name, p.shape])).toEqual([["W1", [4, 6]], ["b1", [1, 6]], ["W2", [6, 3]]]);
    expect(report.worstRelError).toBeLessThan(1e-6); // ReLU kinks are possible in principle; none is this close here
    expect(formatGradCheck(report).split("\n")).toHaveLength(4);
  });

  it("a non-scalar output is weighted by seeded random numbers", () => {
    const rng = new NumpyRandom(1);
    const A = param(rng, 3, 4, "A");
    const B = param(rng, 4, 2, "B");
    const report = gradCheckTensors(() => matmul(A, B), [A, B], { sparse: 5, seed: 2 });
    expect(report.params[0].indices).toHaveLength(5);
    expect(report.passed).toBe(true);
  });

  it("catches an op whose backward forgot a transpose", () => {
    const rng = new NumpyRandom(2);
    const A = param(rng, 2, 2, "A");
    const B = param(rng, 2, 2, "B");
    // y = A @ B with dA = dOut @ B (should be dOut @ Bᵀ)
    const badMatmul = (a: Tensor, b: Tensor): Tensor => {
      const good = matmul(a.detach(), b.detach()).data;
      return Tensor.fromOp(good, [2, 2], "badMatmul", [a, b], (dOut) => [
        matmul(new Tensor(dOut, [2, 2]), b.detach()).data,
        matmul(a.detach(), new Tensor(dOut, [2, 2]), { transA: true }).data,
      ]);
    };
    const report = gradCheckTensors(() => badMatmul(A, B), [A, B]);
    expect(report.params[0].band).toBe("wrong");
    expect(report.params[1].band).toBe("good");
    expect(report.passed).toBe(false);
  });
});

describe("reports and graphs feed the plots", () => {
  it("gradCheckPlot draws a GradCheckReport and graphPlot draws exportGraph", () => {
    const rng = new NumpyRandom(3);
    const W = param(rng, 2, 2, "W");
    const report = gradCheckTensors(() => matmul(W, W), [W]);
    expect(gradCheckPlot(report).data.length).toBeGreaterThan(0);
    const x = new Value(2, "x");
    const y = x.mul(3).tanh();
    y.backward();
    expect(graphPlot(exportGraph(y)).data.length).toBeGreaterThan(0);
  });
});
