// Tracebacks shown to learners: the cell's frames stay, the kernel's and the module's own go.

import path from "path";
import { describe, expect, it } from "vitest";
import { runtimeError } from "./errors";
import { PROJECT_ROOT } from "./package-link";

const src = (file: string) => path.join(PROJECT_ROOT, "src", file);

function errorWithStack(frames: string[]): Error {
  const error = new Error("dL/dw is 3, expected 6");
  error.name = "ExerciseError";
  error.stack = [`${error.name}: ${error.message}`, ...frames.map((f) => `    at ${f}`)].join("\n");
  return error;
}

describe("runtimeError", () => {
  it("hides the module's own frames under a cell that called it, keeping the cell's", () => {
    const error = errorWithStack([
      `fail (${src("exercises/errors.ts")}:45:9)`,
      `checkNumber (${src("exercises/check-number.ts")}:52:5)`,
      "check (<cell 4>:3:7)",
      "<cell 4>:5:1",
      "<cell 4>:9:3",
      `Executor.runCell (${src("kernel/executor.ts")}:90:22)`,
    ]);
    const { ename, evalue, traceback } = runtimeError(error, "<cell 4>", 9);
    expect(ename).toBe("ExerciseError");
    expect(evalue).toBe("dL/dw is 3, expected 6");
    expect(traceback).toEqual(["ExerciseError: dL/dw is 3, expected 6", "    at check (<cell 4>:3:7)", "    at <cell 4>:5:1"]);
  });

  it("keeps frames of the learner's own files between the module and the cell", () => {
    const helper = path.join(PROJECT_ROOT, "notebooks", "helpers.ts");
    const error = errorWithStack([`fail (${src("exercises/errors.ts")}:45:9)`, `mine (${helper}:2:3)`, "<cell 2>:1:1"]);
    expect(runtimeError(error, "<cell 2>").traceback.slice(1)).toEqual([`    at mine (${helper}:2:3)`, "    at <cell 2>:1:1"]);
  });

  it("keeps the module's frames when no cell frame is left (an error thrown from a timer)", () => {
    const error = errorWithStack([`fail (${src("exercises/errors.ts")}:45:9)`, "listOnTimeout (node:internal/timers:569:17)"]);
    expect(runtimeError(error, "<cell 7>").traceback.slice(1)).toEqual([`    at fail (${src("exercises/errors.ts")}:45:9)`]);
  });
});
