/** Gradient checks: relative error and bands, central differences, reports, catching a wrong backward, errors. */

import { describe, expect, it } from "vitest";
import { microgradReadme } from "../../test/helpers/micrograd-readme";
import { NumpyRandom } from "../core/random";
import { gradCheck, gradCheckTensors, TensorLikeOutput } from "./gradcheck";
import { numericGradient } from "./numeric";
import { errorBand, maxRelError, relError } from "./relative-error";
import { formatGradCheck } from "./report";
import { gradCheckValues } from "./value-check";

/** loss = Σᵢ (Σⱼ W[i, j] x[j] + b[i])² for W [2, 3], x [3], b [2], with its hand-written backward. */
function tinyModel(seed: number) {
  const rng = new NumpyRandom(seed);
  const W = { name: "W", shape: [2, 3], data: rng.randn(2, 3), grad: null as Float64Array | null };
  const b = { name: "b", shape: [2], data: rng.randn(2), grad: null as Float64Array | null };
  const x = rng.randn(3);
  const forward = () => {
    const y = [0, 1].map((i) => b.data[i] + [0, 1, 2].reduce((s, j) => s + W.data[i * 3 + j] * x[j], 0));
    return { y, loss: y[0] * y[0] + y[1] * y[1] };
  };
  const backward = (wrong = false) => {
    const { y } = forward();
    const dY = y.map((v) => 2 * v); // d y² = 2y dy
    W.grad = new Float64Array(6);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) W.grad[i * 3 + j] = dY[i] * x[j]; // dW = dY xᵀ
    b.grad = Float64Array.from(dY); // db = dY
    if (wrong) W.grad[4] = dY[1] * x[0]; // a deliberately misplaced index, as in a transposed bug
  };
  return { W, b, x, loss: () => forward().loss, backward };
}

describe("relative error and its bands", () => {
  it("follows CS231n: |a - n| / max(1e-8, |a| + |n|)", () => {
    expect(relError(1, 1)).toBe(0);
    expect(relError(0, 0)).toBe(0);
    expect(relError(1, 3)).toBe(0.5);
    expect(relError(0, 1e-10)).toBeCloseTo(1e-2, 15); // the floor dominates for tiny gradients
    expect(maxRelError([1, 2, 3], [1, 2, 3.3])).toBeCloseTo(0.3 / 6.3, 15);
  });

  it("bands: <= 1e-7 good, <= 1e-4 kinks, <= 1e-2 uncomfortable, above wrong", () => {
    expect([1e-7, 2e-7, 1e-4, 2e-4, 1e-2, 0.5, NaN].map(errorBand)).toEqual([
      "good", "kinks", "kinks", "uncomfortable", "uncomfortable", "wrong", "wrong",
    ]);
  });

  it("rejects non-finite gradients and unequal lengths", () => {
    expect(() => relError(NaN, 1)).toThrow("relError: both gradients must be finite, got analytic NaN and numeric 1");
    expect(() => maxRelError([1], [1, 2])).toThrow("maxRelError: arrays must have equal length, got analytic 1 and numeric 2");
  });
});

describe("numericGradient", () => {
  it("estimates d Σx³ / dx = 3x² and leaves x unchanged", () => {
    const x = Float64Array.from([1, -2, 0.5]);
    const g = numericGradient(() => x.reduce((s, v) => s + v ** 3, 0), x);
    expect(Array.from(g).map((v) => +v.toFixed(6))).toEqual([3, 12, 0.75]);
    expect(Array.from(x)).toEqual([1, -2, 0.5]);
  });

  it("restores the perturbed value even when the loss throws", () => {
    const x = Float64Array.from([1, 2]);
    expect(() =>
      numericGradient(() => {
        if (x[1] !== 2) throw new Error("boom");
        return x[0];
      }, x),
    ).toThrow("boom");
    expect(Array.from(x)).toEqual([1, 2]);
  });

  it("refuses a non-finite loss, naming the coordinate and the step", () => {
    const x = Float64Array.from([0, 1]);
    expect(() => numericGradient(() => Math.log(x[0] + x[1] - 1), x, { name: "w" })).toThrow(
      "numericGradient: loss must be a finite number, got NaN with w[0] - h",
    );
    expect(Array.from(x)).toEqual([0, 1]);
  });
});

describe("gradCheck on parameter arrays", () => {
  it("passes a correct backward with every coordinate in the good band", () => {
    const m = tinyModel(1);
    m.backward();
    const report = gradCheck(m.loss, [m.W, m.b]);
    expect(report.passed).toBe(true);
    expect(report.band).toBe("good");
    expect(report.params.map((p) => [p.name, p.indices.length])).toEqual([["W", 6], ["b", 2]]);
    expect(report.params[0].shape).toEqual([2, 3]);
    expect(report.worstRelError).toBeLessThan(1e-7);
  });

  it("catches a deliberately wrong backward and says where", () => {
    const m = tinyModel(1);
    m.backward(true);
    const report = gradCheck(m.loss, [m.W, m.b]);
    expect(report.passed).toBe(false);
    expect(report.band).toBe("wrong");
    expect(report.params[0].band).toBe("wrong");
    expect(report.params[0].worst.index).toBe(4);
    expect(report.params[1].band).toBe("good");
    expect(report.params[0].worst.analytic).toBe(m.W.grad![4]);
  });

  it("sparse checks k distinct seeded coordinates per parameter", () => {
    const m = tinyModel(2);
    m.backward();
    const a = gradCheck(m.loss, [m.W, m.b], { sparse: 3, seed: 5 });
    const b = gradCheck(m.loss, [m.W, m.b], { sparse: 3, seed: 5 });
    expect(a.params[0].indices).toHaveLength(3);
    expect(new Set(a.params[0].indices).size).toBe(3);
    expect(a.params[1].indices).toEqual([0, 1]); // fewer coordinates than k: all of them
    expect(a.params[0].indices).toEqual(b.params[0].indices);
    expect(a.passed).toBe(true);
  });

  it("restores every parameter after checking", () => {
    const m = tinyModel(3);
    const before = [Array.from(m.W.data), Array.from(m.b.data)];
    m.backward();
    gradCheck(m.loss, [m.W, m.b]);
    expect([Array.from(m.W.data), Array.from(m.b.data)]).toEqual(before);
  });

  it("formats one line per parameter and a verdict", () => {
    const m = tinyModel(1);
    m.backward(true);
    const text = formatGradCheck(gradCheck(m.loss, [m.W, m.b]));
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^W \[2, 3\]  max relative error \d\.\d\de[-+]\d+ at index 4 \(analytic .*, numeric .*\), 6 coordinates  wrong$/);
    expect(lines[1]).toMatch(/^b \[2\]     max relative error .* 2 coordinates  good$/);
    expect(lines[2]).toMatch(/^worst relative error .*: wrong, FAILED$/);
  });

  it("rejects bad parameter lists and losses with clear messages", () => {
    const m = tinyModel(1);
    expect(() => gradCheck(m.loss, [])).toThrow("gradCheck: params must be a non-empty array, got an array of 0");
    expect(() => gradCheck(m.loss, [m.W])).toThrow('gradCheck: param "W" has no analytic gradient (grad is null): run backward first');
    m.backward();
    expect(() => gradCheck(m.loss, [{ ...m.W, grad: new Float64Array(4) }])).toThrow(
      'gradCheck: param "W" grad must be a Float64Array of 6 values like its data, got Float64Array of 4 values',
    );
    expect(() => gradCheck(m.loss, [m.W, m.W])).toThrow('gradCheck: param names must be unique, got "W" twice');
    expect(() => gradCheck(() => NaN, [m.W])).toThrow("gradCheck: loss must be a finite number, got NaN");
    expect(() => gradCheck(m.loss, [m.W], { h: 0 })).toThrow("gradCheck: h must be a positive finite number, got 0");
    expect(() => gradCheck(m.loss, [m.W], { sparse: 0 })).toThrow("gradCheck: sparse must be a positive integer");
  });
});

describe("gradCheckValues on functions of Values", () => {
  it("passes micrograd's README expression", () => {
    const report = gradCheckValues(microgradReadme, [-4, 2], { names: ["a", "b"] });
    expect(report.params.map((p) => p.name)).toEqual(["a", "b"]);
    expect(report.params[0].analytic[0].toFixed(4)).toBe("138.8338");
    expect(report.params[1].analytic[0].toFixed(4)).toBe("645.5773");
    expect(report.passed).toBe(true);
  });

  it("shows a ReLU kink as a failed check", () => {
    const report = gradCheckValues((x) => x.relu(), [1e-6]);
    expect(report.params[0].analytic).toEqual([1]);
    expect(report.params[0].numeric[0]).toBeCloseTo(0.55, 6);
    expect(report.band).toBe("wrong");
  });

  it("checks the number of inputs against f", () => {
    expect(() => gradCheckValues((a, b) => a.mul(b), [1])).toThrow("gradCheckValues: f takes 2 inputs, got 1 values");
    expect(() => gradCheckValues((a) => a, [])).toThrow("gradCheckValues: inputs must be a non-empty array of numbers");
    expect(() => gradCheckValues((a) => a, [NaN])).toThrow("gradCheckValues: inputs[0] must be a finite number, got NaN");
  });
});

describe("gradCheckTensors on Tensor-like parameters", () => {
  /** out = W ⊙ W · s, elementwise: a non-scalar output so the seeded weights matter. */
  function fakeTensors(wrong: boolean) {
    const W = { label: "W", shape: [1, 3] as const, data: Float64Array.from([0.5, -1, 2]), grad: null as Float64Array | null };
    const s = { label: "s", shape: [1, 1] as const, data: Float64Array.from([1.5]), grad: null as Float64Array | null };
    const forward = (): TensorLikeOutput => {
      const data = W.data.map((w) => w * w * s.data[0]);
      return {
        data,
        backward(dOut = Float64Array.from([1])) {
          W.grad ??= new Float64Array(3);
          s.grad ??= new Float64Array(1);
          for (let i = 0; i < 3; i++) {
            W.grad[i] += dOut[i] * 2 * W.data[i] * s.data[0] * (wrong && i === 2 ? 0.5 : 1); // d w²s = 2ws dw
            s.grad[0] += dOut[i] * W.data[i] * W.data[i]; // d w²s = w² ds
          }
        },
      };
    };
    return { W, s, forward };
  }

  it("weights a non-scalar output by seeded random numbers and passes a correct backward", () => {
    const t = fakeTensors(false);
    const report = gradCheckTensors(t.forward, [t.W, t.s]);
    expect(report.params.map((p) => p.name)).toEqual(["W", "s"]);
    expect(report.passed).toBe(true);
  });

  it("zeroes stale gradients first and catches a wrong one", () => {
    const t = fakeTensors(true);
    t.W.grad = Float64Array.from([100, 100, 100]);
    const report = gradCheckTensors(t.forward, [t.W, t.s]);
    expect(report.params[0].worst.index).toBe(2);
    expect(report.params[0].relErrors[0]).toBeLessThan(1e-7);
    expect(report.passed).toBe(false);
  });

  it("says when backward left a parameter without a gradient", () => {
    const t = fakeTensors(false);
    const lonely = { name: "unused", data: new Float64Array(2), grad: null };
    expect(() => gradCheckTensors(t.forward, [t.W, lonely])).toThrow(
      'gradCheckTensors: param "unused" got no gradient from backward (grad is null)',
    );
  });
});
