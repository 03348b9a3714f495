// Which cell endings show a result: expressions do, assignments (like in ipykernel) do not.

import { describe, expect, it } from "vitest";
import { endsWithAssignment } from "./compiler";

describe("endsWithAssignment", () => {
  it.each([
    "x = 2",
    "let x = 1;\nx += 1",
    "o.p = 3;",
    "a[0] ??= 4",
    "({ a, b } = pair)",
    "[a, b] = [b, a]",
    "a = 1, b = 2",
    "for (;;) {}\nw = w - lr * dw // a step",
  ])("%j ends in an assignment", (code) => {
    expect(endsWithAssignment(code)).toBe(true);
  });

  it.each(["x", "x == 2", "x + (y = 1)", "f(x = 2)", "x++", "a = 1, b", "const x = 2", "x = 2;\nx", ""])(
    "%j does not",
    (code) => {
      expect(endsWithAssignment(code)).toBe(false);
    },
  );
});
