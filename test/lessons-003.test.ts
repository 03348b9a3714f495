// Lesson 003: the 2-2-1 sigmoid network, x = [0.50, 0.90], y = 1, L = ½(ŷ − y)², every printed number to its digits.
// W1 = [0.15, 0.20; 0.25, 0.30] (one row per hidden neuron), b1 = [0.35, 0.35], W2 = [0.40, 0.45], b2 = 0.60.
// The biases are held fixed, as the lesson says, so only W1 and W2 require gradients and move.
import { describe, expect, it } from "vitest";
import { add, matmul, mul, sigmoid, SGD, sub, Tensor, tensor } from "../src/index";

const fixed = (n: number) => (v: number) => v.toFixed(n);

function network() {
  const W1 = tensor([[0.15, 0.2], [0.25, 0.3]], { requiresGrad: true, label: "W1" }); // [hidden, input]
  const b1 = tensor([[0.35, 0.35]], { label: "b1" });
  const W2 = tensor([[0.4, 0.45]], { requiresGrad: true, label: "W2" }); // [output, hidden]
  const b2 = tensor([[0.6]], { label: "b2" });
  return { W1, b1, W2, b2 };
}

function forward(n: ReturnType<typeof network>) {
  const x = tensor([[0.5, 0.9]]); // one example as a row [1, 2]
  const zh = add(matmul(x, n.W1, { transB: true }), n.b1); // x W1ᵀ + b1   [1, 2]
  const a = sigmoid(zh);
  const zo = add(matmul(a, n.W2, { transB: true }), n.b2); // a W2ᵀ + b2   [1, 1]
  const yHat = sigmoid(zo);
  const d = sub(yHat, 1);
  const L = mul(0.5, mul(d, d)); // L = ½(ŷ − y)²
  return { zh, a, zo, yHat, L };
}

const digits = (t: Tensor | Float64Array, n = 3) => Array.from(t instanceof Tensor ? t.data : t).map(fixed(n));

describe("lesson 003: backprop through the 2-2-1 sigmoid network", () => {
  it("forward: a = [0.647, 0.678], ŷ = 0.762, L = 0.028", () => {
    const { a, yHat, L } = forward(network());
    expect(digits(a)).toEqual(["0.647", "0.678"]);
    expect(digits(yHat)).toEqual(["0.762"]);
    expect(digits(L)).toEqual(["0.028"]);
  });

  it("backward: δo = −0.043, dW2 = [−0.028, −0.029], δh = [−0.004, −0.004], dW1 = [−0.002, −0.004, −0.002, −0.004]", () => {
    const net = network();
    const { zh, zo, L } = forward(net);
    L.backward();
    expect(digits(zo.grad!)).toEqual(["-0.043"]); // δ = ∂L/∂z at the output
    expect(digits(net.W2.grad!)).toEqual(["-0.028", "-0.029"]);
    expect(digits(zh.grad!)).toEqual(["-0.004", "-0.004"]);
    expect(digits(net.W1.grad!)).toEqual(["-0.002", "-0.004", "-0.002", "-0.004"]); // row-major [h1·x1, h1·x2, h2·x1, h2·x2]
  });

  it("the lesson's formulas give the same δ: δo = (ŷ − y)·ŷ(1 − ŷ), δh = W2·δo ⊙ a(1 − a)", () => {
    const net = network();
    const { zh, a, zo, yHat, L } = forward(net);
    L.backward();
    const y = yHat.item();
    const dOut = (y - 1) * y * (1 - y);
    expect(zo.grad![0]).toBeCloseTo(dOut, 15);
    [0, 1].forEach((j) => expect(zh.grad![j]).toBeCloseTo(net.W2.data[j] * dOut * a.data[j] * (1 - a.data[j]), 15));
  });

  it("after one step with η = 0.5 (biases fixed): ŷ ≈ 0.766 and L ≈ 0.027", () => {
    const net = network();
    forward(net).L.backward();
    new SGD([net.W1, net.W2], { lr: 0.5 }).step();
    const after = forward(net);
    expect(digits(after.yHat)).toEqual(["0.766"]);
    expect(digits(after.L)).toEqual(["0.027"]);
    expect(Array.from(net.b1.data)).toEqual([0.35, 0.35]);
  });
});
