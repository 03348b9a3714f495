// Exercise errors: notAnswered, and ExerciseError keeping its name whatever learner code does to Error.
import { describe, expect, it } from "vitest";
import { ExerciseError, NotAnsweredError, isExerciseError, isNotAnsweredError, notAnswered } from "./errors";
import { thrown } from "./test-helpers";

describe("errors", () => {
  it("notAnswered throws a NotAnsweredError that says what to do", () => {
    const error = thrown(() => notAnswered());
    expect(error).toBeInstanceOf(NotAnsweredError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("NotAnsweredError");
    expect(error.message).toBe("This exercise is not answered yet: replace notAnswered() with your answer and run the cell again.");
    expect(thrown(() => notAnswered("dL_dz2")).message).toMatch(/^dL_dz2 is not answered yet/);
    expect(isNotAnsweredError(error)).toBe(true);
    expect(isExerciseError(error)).toBe(false);
  });

  it("ExerciseError keeps its name even if Error.prototype.name is replaced", () => {
    const saved = Error.prototype.name;
    try {
      Error.prototype.name = "Fake";
      const error = new ExerciseError("x");
      expect(error.name).toBe("ExerciseError");
      expect(isExerciseError(error)).toBe(true);
    } finally {
      Error.prototype.name = saved;
    }
  });

  it("the error classes cannot be extended with methods by learner code", () => {
    expect(Object.isFrozen(ExerciseError.prototype)).toBe(true);
    expect(Object.isFrozen(NotAnsweredError)).toBe(true);
    expect(() => {
      "use strict";
      (ExerciseError.prototype as unknown as { toString: () => string }).toString = () => "pass";
    }).toThrow(TypeError);
  });
});
