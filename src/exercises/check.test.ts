// check(): answers read from the key, "not answered yet", escalating hints, plain-data reading, progress and solutions.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { check } from "./check";
import { showSolution } from "./solution";
import { recordDisplays, thrown } from "./test-helpers";

const RIGHT = { z1: 1, a1: 1, z2: 1.5, L: 2.25 };

const made: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (made.length > 0) fs.rmSync(made.pop()!, { recursive: true, force: true });
});

function workspace(solutions?: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpl-ws-"));
  made.push(dir);
  fs.mkdirSync(path.join(dir, ".backprop-lab"));
  if (solutions) fs.writeFileSync(path.join(dir, ".backprop-lab", "solutions.json"), JSON.stringify(solutions));
  fs.mkdirSync(path.join(dir, "notebooks"));
  vi.spyOn(process, "cwd").mockReturnValue(path.join(dir, "notebooks"));
  return dir;
}

describe("check", () => {
  it("passes right answers with one ✓ per answer", () => {
    const shown = recordDisplays();
    try {
      check("ch03-forward", () => RIGHT);
    } finally {
      shown.stop();
    }
    expect(shown.bundles.map((b) => b["text/plain"])).toEqual(["✓ z1 = 1", "✓ a1 = 1", "✓ z2 = 1.5", "✓ L = 2.25"]);
  });

  it("says 'not answered yet' for an undeclared name, an undefined one, or a stub that throws", () => {
    const undeclared = thrown(() => check("ch03-forward", () => { throw new ReferenceError("z1 is not defined"); }));
    expect(undeclared.name).toBe("NotAnsweredError");
    expect(undeclared.message).toBe("`z1` is not answered yet: fill in the cell above (ch03-forward)");
    const tdz = thrown(() => check("ch03-dL-dz2", () => { throw new ReferenceError("Cannot access 'dL_dz2' before initialization"); }));
    expect(tdz.message).toBe("`dL_dz2` is not answered yet: fill in the cell above (ch03-factors)");
    expect(thrown(() => check("ch03-forward", () => ({ ...RIGHT, z2: undefined }))).message).toBe("`z2` is not answered yet: fill in the cell above (ch03-forward)");
    const stub = () => { throw new Error("Not answered yet: replace this line with your answer"); };
    expect(thrown(() => check("ch01-chain", () => ({ dydx: stub }))).message).toBe("`dydx(1)` is not answered yet: fill in the cell above (ch01-chain)");
  });

  it("names the mistake first, then adds the key's hint when the same check fails again", () => {
    const first = thrown(() => check("ch03-dz1-dw1", () => ({ dz1_dw1: 0.5 })));
    expect(first.name).toBe("ExerciseError");
    expect(first.message).toBe("dz1_dw1 = 0.5 is not right. That is w1. z1 = w1 · x + b1 grows by x per unit of w1: the factor is the input x.");
    const second = thrown(() => check("ch03-dz1-dw1", () => ({ dz1_dw1: 0.5 })));
    expect(second.message).toBe(first.message + "\nHint: ∂z1/∂w1 = x: in z1 = w1 · x + b1, w1 is multiplied by the input x.");
  });

  it("explains a wrong true/false answer at the first failure, and does not repeat it as a hint", () => {
    const right = { z1_new: 2.8, a1_new: 2.8, z2_new: 4.2, L_new: 1.44 };
    const first = thrown(() => check("ch03-forward-again", () => ({ ...right, lossFell: false })));
    expect(first.message).toBe("lossFell = false is not right. L_new = 1.44 and L = 2.25: which is smaller?");
    const second = thrown(() => check("ch03-forward-again", () => ({ ...right, lossFell: false })));
    expect(second.message).toBe(first.message);
  });

  it("reads answers as data: a Proxy or a getter is refused, an array's own methods never run", () => {
    expect(thrown(() => check("ch04-hidden", () => ({ zh: new Proxy([0.3775, 0.3925], {}), a: [0, 0] }))).message).toBe("zh is a Proxy; answer with plain values (numbers, arrays, objects).");
    const getters: number[] = [];
    Object.defineProperty(getters, 0, { get: () => 0.3775, enumerable: true });
    expect(thrown(() => check("ch04-hidden", () => ({ zh: getters, a: [0, 0] }))).message).toContain("zh[0] is a getter or setter");
    class Agreeable extends Array<number> {
      every() { return true; }
    }
    expect(thrown(() => check("ch04-dW2", () => ({ dW2: Agreeable.from([0, 0]) }))).name).toBe("ExerciseError");
  });

  it("refuses an unknown grade id and answers that are not a thunk", () => {
    expect(thrown(() => check("ch99-nope", () => ({}))).message).toBe('check: no answer key for grade id "ch99-nope"');
    expect(thrown(() => check("ch03-forward", RIGHT as never)).message).toContain("must be a function returning them");
  });

  it("records each check in a workspace's progress.jsonl, and nothing outside one", () => {
    const dir = workspace();
    process.env.JPY_SESSION_NAME = "/home/me/workspace/03-trace-a-gradient.ipynb";
    try {
      check("ch03-forward", () => RIGHT);
      thrown(() => check("ch03-update", () => ({ w1_new: -0.4 })));
      thrown(() => check("ch03-update", () => ({ w1_new: undefined })));
    } finally {
      delete process.env.JPY_SESSION_NAME;
    }
    const lines = fs.readFileSync(path.join(dir, ".backprop-lab", "progress.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map(({ gradeId, passed, notebook }) => ({ gradeId, passed, notebook }))).toEqual([
      { gradeId: "ch03-forward", passed: true, notebook: "03-trace-a-gradient.ipynb" },
      { gradeId: "ch03-update", passed: false, notebook: "03-trace-a-gradient.ipynb" },
    ]);
    expect(Number.isNaN(Date.parse(lines[0].at))).toBe(false);
  });

  it("a read-only progress file warns once and never fails the check", () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, ".backprop-lab", "progress.jsonl")); // a folder where the file should be: every append fails
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    check("ch03-forward", () => RIGHT);
    check("ch03-forward", () => RIGHT);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/progress not saved/);
  });

  it("showSolution shows a stored solution in a workspace and says none is available elsewhere", () => {
    const shown = recordDisplays();
    try {
      vi.spyOn(process, "cwd").mockReturnValue(os.tmpdir());
      showSolution("ch03-forward");
      workspace({ "ch03-factors": "const dL_dz2 = 2 * (z2 - y);" });
      showSolution("ch03-dL-dz2");
    } finally {
      shown.stop();
    }
    expect(shown.bundles[0]["text/plain"]).toMatch(/^Solutions are not available here/);
    expect(shown.bundles[1]["text/plain"]).toContain("Solution of ch03-factors:");
    expect(shown.bundles[1]["text/plain"]).toContain("const dL_dz2 = 2 * (z2 - y);");
  });
});
