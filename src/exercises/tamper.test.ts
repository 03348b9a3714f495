// Learner code that patches globals must not change what a check decides.
import { afterEach, describe, expect, it } from "vitest";
import { checkNumber } from "./check-number";
import { checkArray } from "./check-array";
import { checkFunction } from "./check-function";
import { checkChoice } from "./check-choice";
import { thrown } from "./test-helpers";

const restore: (() => void)[] = [];
afterEach(() => {
  while (restore.length > 0) restore.pop()!();
});

function patch<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  const saved = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  restore.push(() => (saved ? Object.defineProperty(target, key, saved) : delete target[key]));
}

describe("tamper resistance", () => {
  it("a patched Math.abs / Number.isFinite cannot make a wrong answer pass", () => {
    patch(Math, "abs", () => 0);
    patch(Number, "isFinite", () => true);
    expect(thrown(() => checkNumber("z1", 2, 1)).name).toBe("ExerciseError");
    expect(thrown(() => checkNumber("z1", NaN, 1)).message).toContain("NaN");
    expect(thrown(() => checkArray("v", [1, 5], [1, 2])).name).toBe("ExerciseError");
  });

  it("a getter on Object.prototype cannot supply a huge tolerance or fake mistakes", () => {
    Object.defineProperty(Object.prototype, "tolerance", { get: () => 1e9, configurable: true });
    restore.push(() => delete (Object.prototype as { tolerance?: number }).tolerance);
    expect(thrown(() => checkNumber("z1", 2, 1)).name).toBe("ExerciseError");
    expect(thrown(() => checkNumber("z1", 2, 1, {})).name).toBe("ExerciseError");
    expect(thrown(() => checkArray("v", [1, 5], [1, 2], {})).name).toBe("ExerciseError");
  });

  it("patched prototypes and a broken console do not fail a right answer", () => {
    // Everything runs before any assertion: vitest itself needs the intrinsics patched here.
    const outcomes: string[] = [];
    const attempt = (label: string, fn: () => void) => {
      try {
        fn();
        outcomes[outcomes.length] = label + " passed";
      } catch (error) {
        outcomes[outcomes.length] = label + " threw " + (error as Error).name + ": " + (error as Error).message;
      }
    };
    const savedLog = console.log;
    const savedIterator = Array.prototype[Symbol.iterator];
    const savedPrecision = Number.prototype.toPrecision;
    const savedReplace = String.prototype.replace;
    const savedMap = Array.prototype.map;
    try {
      console.log = () => {
        throw new Error("console is gone");
      };
      Array.prototype[Symbol.iterator] = function () {
        throw new Error("iterator is gone");
      } as never;
      Number.prototype.toPrecision = () => "9.99";
      String.prototype.replace = () => "hacked";
      Array.prototype.map = () => [];
      attempt("number", () => checkNumber("w1_new", 0.5 + 0.9, 1.4));
      attempt("array", () => checkArray("v", [[1, 2], [3, 4]], [[1, 2], [3, 4]]));
      attempt("function", () => checkFunction("f", (x: number) => 2 * x, (x) => x + x, { at: [1, 2] }));
      attempt("choice", () => checkChoice("c", "a", "a", { choices: ["a", "b"] }));
      attempt("wrong", () => checkNumber("w1_new", 1.55, 1.4));
    } finally {
      console.log = savedLog;
      Array.prototype[Symbol.iterator] = savedIterator;
      Number.prototype.toPrecision = savedPrecision;
      String.prototype.replace = savedReplace;
      Array.prototype.map = savedMap;
    }
    expect(outcomes).toEqual([
      "number passed",
      "array passed",
      "function passed",
      "choice passed",
      "wrong threw ExerciseError: w1_new = 1.55 is too big.",
    ]);
  });

  it("the exported checks are frozen", () => {
    expect(Object.isFrozen(checkNumber)).toBe(true);
    expect(Object.isFrozen(checkArray)).toBe(true);
  });
});
