// A spare's throwaway cells: valid cells of the kinds learners write, compiled one per turn of the event loop.

import { describe, expect, it } from "vitest";
import { getConverter } from "./compiler";
import { warmUpInBackground, WARM_UP_CELLS, type WarmUp } from "./jit-warm-up";

describe("the throwaway cells", () => {
  it("all compile through the real converter, and only the one written to fail reports a type error", () => {
    const converter = getConverter();
    for (const cell of WARM_UP_CELLS) {
      const result = converter.convert("", cell);
      const codes = result.diagnostics.map((d) => d.code);
      if (cell.startsWith("const wrong")) expect(codes, cell).toEqual([2322]);
      else expect({ cell, codes, compiled: result.output !== undefined }).toEqual({ cell, codes: [], compiled: true });
    }
  }, 60_000);
});

describe("warmUpInBackground", () => {
  it("compiles the cells in turn, none before the event loop turns, until the count is reached", async () => {
    const compiled: string[] = [];
    const warmUp = warmUpInBackground((cell) => compiled.push(cell), WARM_UP_CELLS.length + 2);
    expect(compiled).toEqual([]);
    await warmUp.done;
    expect(compiled).toEqual([...WARM_UP_CELLS, ...WARM_UP_CELLS.slice(0, 2)]);
    expect(warmUp.finished()).toBe(true);
  });

  it("stops before the next cell once stopped, and is then not finished", async () => {
    const compiled: string[] = [];
    const warmUp: WarmUp = warmUpInBackground((cell) => {
      compiled.push(cell);
      if (compiled.length === 2) warmUp.stop();
    }, 10);
    await warmUp.done;
    expect(compiled).toEqual(WARM_UP_CELLS.slice(0, 2));
    expect(warmUp.finished()).toBe(false);
  });

  it("ends quietly when the compiler throws: the learner's own cell reports such a failure", async () => {
    let calls = 0;
    const warmUp = warmUpInBackground(() => {
      calls++;
      throw new Error("compiler crashed");
    }, 10);
    await expect(warmUp.done).resolves.toBeUndefined();
    expect({ calls, finished: warmUp.finished() }).toEqual({ calls: 1, finished: false });
  });
});
