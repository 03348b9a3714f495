// checkChoice, checkBoolean, checkMatching: what passes, and the feedback a wrong pick gets.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkBoolean, checkChoice, checkMatching } from "./check-choice";
import { recordDisplays, thrown } from "./test-helpers";

let shown: ReturnType<typeof recordDisplays>;
beforeEach(() => (shown = recordDisplays()));
afterEach(() => shown.stop());

describe("checkChoice", () => {
  const options = { choices: ["up", "down"], hints: { up: "The gradient is negative, and the update subtracts it." } };
  it("passes the right choice", () => {
    checkChoice("direction", "down", "down", options);
    expect(shown.bundles[0]["text/plain"]).toBe('✓ direction = "down"');
  });
  it("gives the wrong choice's hint, or a generic nudge", () => {
    expect(thrown(() => checkChoice("direction", "up", "down", options)).message).toBe(
      'direction = "up" is not the best answer. The gradient is negative, and the update subtracts it.',
    );
    expect(thrown(() => checkChoice("d", "up", "down", { choices: ["up", "down"] })).message).toContain("Reread the cells above");
  });
  it("rejects answers that are not among the choices", () => {
    expect(thrown(() => checkChoice("direction", "left", "down", options)).message).toBe(
      'direction should be one of "up", "down", got "left".',
    );
    expect(thrown(() => checkChoice("direction", undefined, "down", options)).message).toContain("direction is undefined");
  });
});

describe("checkBoolean", () => {
  it("passes the right boolean and explains the rest", () => {
    checkBoolean("lossFell", true, true);
    expect(shown.bundles[0]["text/plain"]).toBe("✓ lossFell = true");
    expect(thrown(() => checkBoolean("lossFell", false, true, { hint: "Compare L_new with L." })).message).toBe(
      "lossFell = false is not right. Compare L_new with L.",
    );
    expect(thrown(() => checkBoolean("lossFell", 1.44, true)).message).toBe(
      "lossFell should be true or false, got the number 1.44. Write a comparison, like a < b.",
    );
    expect(thrown(() => checkBoolean("lossFell", "yes", true)).message).toContain('got the string "yes"');
    expect(thrown(() => checkBoolean("lossFell", undefined, true)).message).toContain("lossFell is undefined");
  });
});

describe("checkMatching", () => {
  const expected = { forward: "B", loss: "D", backward: "A", update: "C" };
  it("passes a complete, right matching", () => {
    checkMatching("steps", { forward: "B", loss: "D", backward: "A", update: "C" }, expected);
    expect(shown.bundles[0]["text/plain"]).toBe("✓ steps: all 4 matched");
  });
  it("lists every wrongly matched term with its hint", () => {
    const error = thrown(() =>
      checkMatching("steps", { forward: "B", loss: "A", backward: "D" }, expected, { hints: { loss: "The loss compares output and label." } }),
    );
    expect(error.message).toBe(
      'steps: 1 of 4 matched.\n  loss: "A" is not it. The loss compares output and label.\n  backward: "D" is not it\n  update: not matched',
    );
  });
  it("rejects a non-object", () => {
    expect(thrown(() => checkMatching("steps", "B", expected)).message).toContain("should be an object");
  });
});
