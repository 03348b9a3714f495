/** Neuron, Layer, MLP over Value: seeded weights, micrograd's shapes, gradients checked, and an MLP that learns XOR. */

import { describe, expect, it } from "vitest";
import { NumpyRandom } from "../core/random";
import { MLP, Neuron, Layer, sumValues } from "./nn";
import { Value } from "./value";

describe("scalar nn", () => {
  it("a Neuron draws uniform(-1, 1) weights from the seed, bias 0, and computes relu(w·x + b)", () => {
    const n = new Neuron(3, { seed: 42 });
    // np.random.seed(42); np.random.uniform(-1, 1, 3)
    const w = Array.from(new NumpyRandom(42).uniform(-1, 1, 3));
    expect(n.w.map((v) => v.data)).toEqual(w);
    expect(n.b.data).toBe(0);
    const out = n.forward([1, 2, -1]);
    expect(out.data).toBe(Math.max(0, 0 + w[0] * 1 + w[1] * 2 + w[2] * -1));
    expect(String(n)).toBe("ReLUNeuron(3)");
  });

  it("MLP(2, [16, 16, 1]) has micrograd's 337 parameters and a linear last layer", () => {
    const m = new MLP(2, [16, 16, 1]);
    expect(m.parameters()).toHaveLength(337);
    expect(String(m.layers[2])).toBe("Layer of [LinearNeuron(16)]");
    expect(String(m.layers[0].neurons[0])).toBe("ReLUNeuron(2)");
  });

  it("backward through an MLP matches central differences for every parameter", () => {
    const m = new MLP(3, [4, 2], { seed: 1, activation: "tanh" });
    const x = [0.5, -1.2, 2.0];
    const loss = () => sumValues(m.forward(x).map((o) => o.pow(2)));
    m.zeroGrad();
    loss().backward();
    const h = 1e-6;
    for (const p of m.parameters()) {
      const old = p.data;
      p.data = old + h;
      const plus = loss().data;
      p.data = old - h;
      const minus = loss().data;
      p.data = old;
      const numeric = (plus - minus) / (2 * h);
      expect(Math.abs(p.grad - numeric) / Math.max(1e-8, Math.abs(p.grad) + Math.abs(numeric))).toBeLessThan(1e-6);
    }
  });

  it("a tanh MLP learns XOR by gradient descent", () => {
    const xs = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const ys = [-1, 1, 1, -1];
    const m = new MLP(2, [4, 1], { seed: 3, activation: "tanh" });
    const lossOf = () => sumValues(xs.map((x, i) => m.forward(x)[0].sub(ys[i]).pow(2)));
    const first = lossOf().data;
    for (let step = 0; step < 300; step++) {
      const loss = lossOf();
      m.zeroGrad();
      loss.backward();
      for (const p of m.parameters()) p.data -= 0.05 * p.grad;
    }
    expect(lossOf().data).toBeLessThan(first / 10);
    expect(xs.map((x) => Math.sign(m.forward(x)[0].data))).toEqual(ys);
  });

  it("rejects bad sizes and inputs", () => {
    expect(() => new Neuron(0)).toThrow("Neuron: nin must be an integer >= 1, got 0");
    expect(() => new Layer(2, 1.5)).toThrow("Layer: nout must be an integer >= 1, got 1.5");
    expect(() => new MLP(2, [])).toThrow("MLP: nouts must list at least one layer size, got []");
    expect(() => new Neuron(2).forward([1])).toThrow("Neuron: input must have 2 values like the weights, got 1");
    expect(() => new Neuron(2).forward([1, new Value(NaN as number)])).toThrow("Value: data must be a finite number, got NaN");
  });
});
