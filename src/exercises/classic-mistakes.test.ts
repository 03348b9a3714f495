/** gradCheckMistake: every classic mistake fails its gradient check with its own fingerprint; a wrong name is refused. */
import { describe, expect, it } from "vitest";
import { SIGMOID_NET_MISTAKES, type SigmoidNetMistake } from "../nn/sigmoid-net";
import { gradCheckMistake } from "./classic-mistakes";

const worstOf = (mistake: SigmoidNetMistake, param: string) => Math.max(...gradCheckMistake(mistake).params.find((p) => p.name === param)!.relErrors);

describe("gradCheckMistake", () => {
  it("fails the check for every mistake", () => {
    for (const mistake of SIGMOID_NET_MISTAKES) expect(gradCheckMistake(mistake).passed, mistake).toBe(false);
  });

  it("leaves the output layer right where the mistake lives behind it, and mirrors every gradient for a flipped sign", () => {
    for (const mistake of ["updateMidBackward", "noCache"] as const) {
      expect(worstOf(mistake, "W2"), mistake).toBeLessThan(1e-7);
      expect(worstOf(mistake, "W1"), mistake).toBeGreaterThan(1e-3);
    }
    for (const param of ["W1", "b1", "W2", "b2"]) expect(worstOf("flipSign", param)).toBeCloseTo(1, 6);
  });

  it("refuses anything but a named mistake, listing the names", () => {
    expect(() => gradCheckMistake(undefined as unknown as SigmoidNetMistake)).toThrow(/mistake must be one of "dropSigmaPrime", .* got undefined/);
    expect(() => gradCheckMistake("typo" as SigmoidNetMistake)).toThrow(/got "typo"/);
  });
});
