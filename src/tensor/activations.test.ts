// Tensor activations and elementwise functions: forward values, gradient checks, errors.
import { describe, expect, it } from "vitest";
import { maxGradError, param } from "../../test/helpers/central-difference";
import { exp, log, relu, sigmoid, sqrt, tanh } from "./activations";
import { tensor } from "./tensor";

describe("relu, sigmoid, tanh, exp, log, sqrt", () => {
  it("give hand-checkable values", () => {
    expect(Array.from(relu(tensor([[-2, 0, 3]])).data)).toEqual([0, 0, 3]);
    expect(sigmoid(tensor([[0]])).item()).toBe(0.5);
    expect(sigmoid(tensor([[-800, 800]])).toArray()).toEqual([[0, 1]]); // no overflow to NaN
    expect(tanh(tensor([[0]])).item()).toBe(0);
    expect(exp(tensor([[0, 1]])).toArray()).toEqual([[1, Math.E]]);
    expect(log(tensor([[1, Math.E]])).toArray()).toEqual([[0, 1]]);
    expect(sqrt(tensor([[4, 9]])).toArray()).toEqual([[2, 3]]);
    expect(relu(tensor([[NaN]])).item()).toBeNaN(); // passed on for fit's guard to find, not silently zeroed
  });
  it("relu passes dOut where x > 0 and blocks it elsewhere (0 at the kink)", () => {
    const x = tensor([[-1, 0, 2]], { requiresGrad: true });
    relu(x).backward([5, 6, 7]);
    expect(Array.from(x.grad!)).toEqual([0, 0, 7]);
  });
  const cases = [
    ["relu", relu, 0],
    ["sigmoid", sigmoid, 0],
    ["tanh", tanh, 0],
    ["exp", exp, 0],
    ["log", log, 2],
    ["sqrt", sqrt, 2],
  ] as const;
  for (const [name, f, shift] of cases) {
    it(`${name} gradient matches finite differences`, () => {
      const x = param(3, 4, 11, shift);
      if (name === "relu") for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]) < 1e-3) x.data[i] = 0.5; // away from the kink
      expect(maxGradError((t) => f(t), [x])).toBeLessThan(1e-7);
    });
  }
  it("log, sqrt and exp refuse inputs that would give NaN or Infinity, naming the position", () => {
    expect(() => log(tensor([[1, -1]]))).toThrow("log: x must be positive, got -1 at [0, 1] of x [1, 2]");
    expect(() => log(tensor([[0]]))).toThrow("log: x must be positive, got 0 at [0, 0]");
    expect(() => sqrt(tensor([[4], [-4]]))).toThrow("sqrt: x must be positive and finite, got -4 at [1, 0] of x [2, 1]");
    expect(() => exp(tensor([[1000]]))).toThrow("exp: x must be at most about 709 for eˣ to fit in a float64, got 1000 at [0, 0]");
  });
});
