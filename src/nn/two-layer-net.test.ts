// llm.c-style forward/backward pieces and TwoLayerNet built from them: values, gradients, errors.
import { describe, expect, it } from "vitest";
import { gradCheck } from "../gradcheck/gradcheck";
import { Matrix } from "../core/matrix";
import { NumpyRandom } from "../core/random";
import { ShapeError } from "../core/shape";
import { relu } from "../tensor/activations";
import { add } from "../tensor/arithmetic";
import { softmaxCrossEntropy } from "../tensor/losses";
import { matmul } from "../tensor/matmul";
import { Tensor } from "../tensor/tensor";
import { affineBackward, affineForward, reluBackward, reluForward, softmaxLoss, TwoLayerNet } from "./two-layer-net";

const data = (n: number, d: number, c: number, seed: number) => {
  const r = new NumpyRandom(seed);
  return { X: new Matrix(n, d, r.randn(n, d)), y: r.randint(0, c, n) };
};

describe("llm.c-style layer pieces", () => {
  it("affineForward computes x W + b and affineBackward returns dX, dW, db by hand", () => {
    const x = Matrix.from([[1, 2]]);
    const W = Matrix.from([[1, 0, 2], [0, 1, 3]]);
    const { out, cache } = affineForward(x, W, Matrix.from([[1, 1, 1]]));
    expect(out.toArray()).toEqual([[2, 3, 9]]);
    const { dX, dW, db } = affineBackward(Matrix.from([[1, 0, 1]]), cache);
    expect(dX.toArray()).toEqual([[3, 3]]); // dOut Wᵀ
    expect(dW.toArray()).toEqual([[1, 0, 1], [2, 0, 2]]); // xᵀ dOut
    expect(db.toArray()).toEqual([[1, 0, 1]]);
  });
  it("reluForward/reluBackward pass dOut only where x > 0", () => {
    const { out, cache } = reluForward(Matrix.from([[-1, 0, 2]]));
    expect(out.toArray()).toEqual([[0, 0, 2]]);
    expect(reluBackward(Matrix.from([[5, 6, 7]]), cache).toArray()).toEqual([[0, 0, 7]]);
  });
  it("softmaxLoss gives log C for equal scores and dScores = (p − onehot) / N", () => {
    const { loss, dScores } = softmaxLoss(Matrix.zeros(2, 4), [1, 3]);
    expect(loss).toBeCloseTo(Math.log(4), 15);
    expect(dScores.row(0)).toEqual([0.125, 0.125 - 0.5, 0.125, 0.125]);
  });
  it("name the shapes and labels that do not fit", () => {
    expect(() => affineForward(Matrix.zeros(1, 2), Matrix.zeros(2, 3), Matrix.zeros(1, 2))).toThrow(
      "affineForward: b must be [1, 3] to match W [2, 3], got b [1, 2]",
    );
    expect(() => affineForward(Matrix.zeros(1, 3), Matrix.zeros(2, 3), Matrix.zeros(1, 3))).toThrow(ShapeError);
    const { cache } = affineForward(Matrix.zeros(2, 2), Matrix.zeros(2, 3), Matrix.zeros(1, 3));
    expect(() => affineBackward(Matrix.zeros(2, 2), cache)).toThrow("affineBackward: dOut must be [2, 3] like out, got dOut [2, 2]");
    expect(() => reluBackward(Matrix.zeros(1, 2), Matrix.zeros(2, 1))).toThrow("reluBackward: dOut must have the shape of x [2, 1], got dOut [1, 2]");
    expect(() => softmaxLoss(Matrix.zeros(2, 3), [0, 3])).toThrow("softmaxLoss: labels must be integers in [0, 3), got 3 at index 1");
    expect(() => softmaxLoss(Matrix.from([[NaN, 0]]), [0])).toThrow("softmaxLoss: scores must be finite, got NaN at [0, 0]");
  });
});

describe("TwoLayerNet", () => {
  it("draws W = std · randn(D, H) like CS231n and starts biases at zero", () => {
    const net = new TwoLayerNet(4, 3, 2, new NumpyRandom(0), 1e-4);
    const r = new NumpyRandom(0);
    const w1 = r.randn(4, 3);
    net.params.W1.data.forEach((v, i) => expect(v).toBe(w1[i] * 1e-4));
    expect(net.params.b2.toArray()).toEqual([[0, 0]]);
  });
  it("hand-written gradients match central differences, with ½·reg·ΣW²", () => {
    const net = new TwoLayerNet(5, 4, 3, new NumpyRandom(1), 0.5);
    const { X, y } = data(6, 5, 3, 2);
    const reg = 0.1;
    const { grads } = net.loss(X, y, reg);
    const p = net.params;
    const report = gradCheck(() => net.loss(X, y, reg).loss, [
      { name: "W1", data: p.W1.data, grad: grads.dW1.data },
      { name: "b1", data: p.b1.data, grad: grads.db1.data },
      { name: "W2", data: p.W2.data, grad: grads.dW2.data },
      { name: "b2", data: p.b2.data, grad: grads.db2.data },
    ]);
    expect(report.worstRelError).toBeLessThan(1e-7);
  });
  it("agrees with the autograd engine to 1e-12", () => {
    const net = new TwoLayerNet(5, 4, 3, new NumpyRandom(3), 0.5);
    const { X, y } = data(7, 5, 3, 4);
    const { loss, grads } = net.loss(X, y);
    const t = (m: Matrix) => new Tensor(m.data.slice(), m.shape, { requiresGrad: true });
    const [W1, b1, W2, b2] = [t(net.params.W1), t(net.params.b1), t(net.params.W2), t(net.params.b2)];
    const scores = add(matmul(relu(add(matmul(new Tensor(X.data, X.shape), W1), b1)), W2), b2);
    const L = softmaxCrossEntropy(scores, y);
    L.backward();
    expect(L.item()).toBeCloseTo(loss, 13);
    for (const [mine, auto] of [[grads.dW1, W1], [grads.db1, b1], [grads.dW2, W2], [grads.db2, b2]] as const) {
      mine.data.forEach((v, i) => expect(v).toBeCloseTo(auto.grad![i], 12));
    }
  });
  it("predicts argmax classes and a few SGD steps lower the loss", () => {
    const net = new TwoLayerNet(5, 10, 3, new NumpyRandom(5), 0.1);
    const { X, y } = data(20, 5, 3, 6);
    const first = net.loss(X, y, 1e-3).loss;
    for (let i = 0; i < 50; i++) net.step(net.loss(X, y, 1e-3).grads, 0.5);
    expect(net.loss(X, y, 1e-3).loss).toBeLessThan(first);
    expect(net.predict(X)).toEqual(net.forward(X).scores.argmax(1));
  });
  it("rejects inputs with the wrong feature count and inconsistent parameters", () => {
    const net = new TwoLayerNet(4, 3, 2, new NumpyRandom(0));
    expect(() => net.forward(Matrix.zeros(2, 5))).toThrow("TwoLayerNet.forward: X must have 4 features, got X [2, 5]");
    expect(() => TwoLayerNet.fromParams({ W1: Matrix.zeros(4, 3), b1: Matrix.zeros(1, 3), W2: Matrix.zeros(2, 2), b2: Matrix.zeros(1, 2) })).toThrow(
      "TwoLayerNet.fromParams: need W1 [D, H], b1 [1, H], W2 [H, C], b2 [1, C], got W1 [4, 3], b1 [1, 3], W2 [2, 2] and b2 [1, 2]",
    );
    expect(() => net.loss(Matrix.zeros(1, 4), [0], -1)).toThrow("TwoLayerNet.loss: reg must be >= 0, got -1");
  });
});
