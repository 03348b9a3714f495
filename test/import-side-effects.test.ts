// No module changes global state when imported: loading the whole notebook API and the runner leaves globals alone.
import { describe, expect, it } from "vitest";

function globalState() {
  return {
    globals: Object.getOwnPropertyNames(globalThis).sort(),
    symbols: Object.getOwnPropertySymbols(globalThis).map(String).sort(),
    console: Object.fromEntries(Object.keys(console).map((k) => [k, (console as unknown as Record<string, unknown>)[k]])),
    listeners: process.eventNames().map((name) => `${String(name)}: ${process.listenerCount(name)}`),
    prototypes: [Object.prototype, Array.prototype, Function.prototype, Float64Array.prototype].map((p) => Object.getOwnPropertyNames(p).sort()),
  };
}

describe("importing", () => {
  it("backprop-lab's index, the runner and the grader changes no global, console method, process listener or built-in prototype", async () => {
    const before = globalState();
    await import("../src/index");
    await import("../src/notebook/execute");
    await import("../src/grading/autograde");
    expect(globalState()).toEqual(before);
  });
});
