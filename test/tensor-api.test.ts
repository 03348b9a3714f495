// The tensor/nn API as a notebook sees it through src/index.ts: method chaining, fit, the hand-written net beside autograd.
import { describe, expect, it } from "vitest";
import { fit, Linear, Matrix, NumpyRandom, ReLU, Sequential, SGD, Tensor, tensor, TwoLayerNet, gradCheckTensors } from "../src/index";

describe("tensor and nn through the package entry", () => {
  it("chains ops as methods, and they agree with gradCheckTensors", () => {
    const r = new NumpyRandom(0);
    const x = new Tensor(r.randn(4, 3), [4, 3]);
    const W = new Tensor(r.randn(3, 2), [3, 2], { requiresGrad: true, label: "W" });
    const b = tensor([[0.1, -0.2]], { requiresGrad: true, label: "b" });
    const loss = () => x.matmul(W).add(b).tanh().softmaxCrossEntropy([0, 1, 1, 0]);
    expect(loss().item()).toBeGreaterThan(0);
    const report = gradCheckTensors(loss, [W, b]);
    expect(report.worstRelError).toBeLessThan(1e-7);
    expect(tensor([[1, 2], [3, 4]]).sum(0).mul(2).toArray()).toEqual([[8, 12]]);
  });

  it("fit trains a Sequential, and the hand-written TwoLayerNet from the same start ends on the same loss", () => {
    const r = new NumpyRandom(1);
    const n = 60;
    const x = new Matrix(n, 4, r.randn(n, 4));
    const y = Array.from({ length: n }, (_, i) => (x.get(i, 0) + x.get(i, 1) > 0 ? 1 : 0));
    const net = new TwoLayerNet(4, 8, 2, new NumpyRandom(2), 0.1);
    const model = new Sequential(new Linear(4, 8, r), new ReLU(), new Linear(8, 2, r));
    const [l1, l2] = [model.layers[0] as Linear, model.layers[2] as Linear];
    l1.weight.data.set(net.params.W1.data);
    l1.bias!.data.fill(0);
    l2.weight.data.set(net.params.W2.data);
    l2.bias!.data.fill(0);
    const history = fit(model, { x, y }, { epochs: 3, batchSize: n, optimizer: new SGD(model.parameters(), { lr: 0.5 }), seed: 0, shuffle: false, l2: 1e-3 });
    let last = 0;
    for (let step = 0; step < 3; step++) {
      const { loss, grads } = net.loss(x, y, 1e-3);
      last = loss;
      net.step(grads, 0.5);
    }
    expect(history.loss[2]).toBeCloseTo(last, 13);
  });
});
