// The bug-hunt lesson's planted backward bugs: a gradient check must find each one, and the right backward passes.
import { describe, expect, it } from "vitest";
import { gradCheck } from "../gradcheck/gradcheck";
import { bugHuntBackward, bugHuntLoss, bugHuntNet, Suspect } from "./bug-hunt";

/** What each suspect hides, and the parameters its bug spoils. */
const SUSPECT_BUGS: Record<Exclude<Suspect, "correct">, { bug: string; wrong: string[] }> = {
  A: { bug: "wrong sign", wrong: ["b2"] },
  B: { bug: "divided by N twice", wrong: ["W2"] },
  C: { bug: "forgotten ReLU mask", wrong: ["W1", "b1"] },
  D: { bug: "missing transpose", wrong: ["W1"] },
};

function check(suspect: Suspect) {
  const net = bugHuntNet();
  const g = bugHuntBackward(net, suspect);
  const names = ["W1", "b1", "W2", "b2"] as const;
  return gradCheck(() => bugHuntLoss(net), names.map((n) => ({ name: n, data: net[n].data, grad: g[n].data, shape: net[n].shape })));
}

describe("bug-hunt: planted backward bugs a gradient check finds", () => {
  it("the correct backward passes", () => {
    const r = check("correct");
    expect(r.passed).toBe(true);
    expect(r.worstRelError).toBeLessThan(1e-7);
  });

  it("some hidden units are off for some examples, so the ReLU mask matters", () => {
    const { X, W1, b1 } = bugHuntNet();
    const z = X.matmul(W1).add(b1);
    expect(Array.from(z.data).some((v) => v < 0)).toBe(true);
    expect(Array.from(z.data).some((v) => v > 0)).toBe(true);
  });

  it.each(Object.entries(SUSPECT_BUGS))("suspect %s spoils exactly its parameters", (suspect, { wrong }) => {
    const r = check(suspect as Suspect);
    const bad = r.params.filter((p) => p.band === "wrong").map((p) => p.name);
    expect(bad).toEqual(wrong);
    r.params.filter((p) => !wrong.includes(p.name)).forEach((p) => expect(p.band).toBe("good"));
  });

  it("each bug has its fingerprint: A mirrors b2, B shrinks W2 by N = 5, D transposes dW1", () => {
    const net = bugHuntNet();
    const good = bugHuntBackward(net, "correct");
    expect(Array.from(bugHuntBackward(net, "A").b2.data)).toEqual(Array.from(good.b2.data, (v) => -v));
    Array.from(bugHuntBackward(net, "B").W2.data).forEach((v, i) => expect(v).toBeCloseTo(good.W2.data[i] / 5, 15));
    expect(bugHuntBackward(net, "D").W1.toArray()).toEqual(good.W1.T.toArray());
  });

  it("rejects an unknown suspect by name", () => {
    expect(() => bugHuntBackward(bugHuntNet(), "E" as Suspect)).toThrow('bugHuntBackward: suspect must be "correct", "A", "B", "C" or "D", got "E"');
  });
});
