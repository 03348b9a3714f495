// Lesson 003's 2-2-1 sigmoid network by hand: its forward and backward numbers.
import { describe, expect, it } from "vitest";
import { gradCheck } from "../gradcheck/gradcheck";
import { STEP_BY_HAND, stepByHandParams, SIGMOID_NET_MISTAKES, sigmoidNetBackward, sigmoidNetForward, SigmoidNetMistake, SigmoidNetParams } from "./sigmoid-net";

const { x, y } = STEP_BY_HAND;
const fixed3 = (v: ArrayLike<number>) => Array.from(v, (t) => t.toFixed(3));

function check(p: SigmoidNetParams, mistake?: SigmoidNetMistake) {
  const g = sigmoidNetBackward(p, sigmoidNetForward(p, x, y), y, { mistake });
  return gradCheck(() => sigmoidNetForward(p, x, y).loss, [
    { name: "W1", data: p.W1, grad: g.dW1 }, { name: "b1", data: p.b1, grad: g.db1 },
    { name: "W2", data: p.W2, grad: g.dW2 }, { name: "b2", data: p.b2, grad: g.db2 },
  ]);
}

describe("sigmoid-net: lesson 003's 2-2-1 network by hand", () => {
  it("forward and backward give the lesson's printed digits", () => {
    const p = stepByHandParams();
    const c = sigmoidNetForward(p, x, y);
    expect(fixed3(c.a)).toEqual(["0.647", "0.678"]);
    expect([c.yHat.toFixed(3), c.loss.toFixed(3)]).toEqual(["0.762", "0.028"]);
    const g = sigmoidNetBackward(p, c, y);
    expect(g.deltaOut.toFixed(3)).toBe("-0.043");
    expect(fixed3(g.dW2)).toEqual(["-0.028", "-0.029"]);
    expect(fixed3(g.deltaHidden)).toEqual(["-0.004", "-0.004"]);
    expect(fixed3(g.dW1)).toEqual(["-0.002", "-0.004", "-0.002", "-0.004"]);
    expect(Array.from(g.db1)).toEqual(g.deltaHidden);
  });

  it("the correct backward passes a gradient check, biases included", () => {
    const r = check(stepByHandParams());
    expect(r.passed).toBe(true);
    expect(r.worstRelError).toBeLessThan(1e-8);
  });

  it.each(SIGMOID_NET_MISTAKES.map((m) => [m]))("mistake %s fails the gradient check", (mistake) => {
    const r = check(stepByHandParams(), mistake as SigmoidNetMistake);
    expect(r.passed).toBe(false);
    expect(r.band).toBe("wrong");
  });

  it("updateMidBackward and noCache leave the output layer right and break only the hidden layer", () => {
    for (const m of ["updateMidBackward", "noCache"] as const) {
      const r = check(stepByHandParams(), m);
      const byName = Object.fromEntries(r.params.map((q) => [q.name, q.band]));
      expect(byName).toMatchObject({ W2: "good", b2: "good", W1: "wrong", b1: "wrong" });
    }
  });

  it("rejects bad input with messages that name the argument", () => {
    const p = stepByHandParams();
    expect(() => sigmoidNetForward({ ...p, W1: new Float64Array(3) }, x, y)).toThrow("sigmoidNetForward: W1 must be a Float64Array of 4 values, got 3 values");
    expect(() => sigmoidNetForward(p, [1], y)).toThrow("sigmoidNetForward: x must hold 2 finite numbers, got [1]");
    expect(() => sigmoidNetBackward(p, sigmoidNetForward(p, x, y), y, { mistake: "typo" as SigmoidNetMistake })).toThrow("mistake must be one of");
  });
});
