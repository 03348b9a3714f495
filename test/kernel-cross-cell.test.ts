// Names declared in one cell and used in a later one, in every syntactic form that reaches the
// earlier cell's value: shorthand properties, destructuring defaults and targets, spread, templates.

import path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, PROJECT_ROOT, WARM_UP_MS } from "./helpers/kernel-client";

let kernel: KernelClient;

beforeAll(async () => {
  kernel = await KernelClient.startWarm(path.join(PROJECT_ROOT, "notebooks"));
}, WARM_UP_MS + 10_000);

afterAll(async () => {
  await kernel?.close();
});

/** Runs the cells in order, each of which must succeed, and returns the last one's text/plain. */
async function runCells(...cells: string[]): Promise<string | undefined> {
  let text: string | undefined;
  for (const code of cells) {
    const { reply, outputs } = await kernel.execute(code);
    expect(reply.content, `cell: ${code}`).toMatchObject({ status: "ok" });
    const result = outputs.find((m) => m.header.msg_type === "execute_result");
    text = (result?.content.data as { [mime: string]: string } | undefined)?.["text/plain"];
  }
  return text;
}

describe("a later cell uses an earlier cell's name", () => {
  it("as a shorthand property", async () => {
    expect(await runCells("const square = (x: number) => x * x;", "const o = { square };\no.square(3)")).toBe("9");
  });

  it("as a shorthand property next to a long-hand one, in nested and returned literals", async () => {
    expect(await runCells("const two = 2;", "const p = { two, also: two, inner: [{ two }] };\np.two + p.also + p.inner[0].two")).toBe("6");
    expect(await runCells("const makeTwo = () => ({ two });\nmakeTwo().two")).toBe("2");
  });

  it("as a shorthand property naming a function, class, enum, namespace and import", async () => {
    await runCells(
      "function fnA() { return 1; }\nclass ClassA { x = 2; }\nenum EnumA { Three = 3 }\nnamespace NsA { export const four = 4; }",
      'import { NumpyRandom } from "backprop-lab";',
    );
    const sum = "const all = { fnA, ClassA, EnumA, NsA, NumpyRandom };\n" +
      "all.fnA() + new all.ClassA().x + all.EnumA.Three + all.NsA.four + (typeof all.NumpyRandom === 'function' ? 10 : 0)";
    expect(await runCells(sum)).toBe("20");
  });

  it("as a shorthand target of a destructuring assignment, with and without a default", async () => {
    expect(await runCells("let target = 1;", "({ target } = { target: 5 });\ntarget")).toBe("5");
    expect(await runCells("({ target = 7 } = {} as { target?: number });\ntarget")).toBe("7");
    expect(await runCells("[target] = [9];\ntarget")).toBe("9");
  });

  it("as a destructuring default, a spread, a template and a re-export", async () => {
    expect(await runCells("const base = { a: 1 };\nconst fallback = 3;", "const { missing = fallback } = {} as { missing?: number };\nmissing")).toBe("3");
    expect(await runCells("const [first = fallback] = [] as number[];\nfirst")).toBe("3");
    expect(await runCells("({ ...base, b: 2 })")).toBe("{ a: 1, b: 2 }");
    expect(await runCells("`fallback=${fallback}`")).toBe("'fallback=3'");
    expect(await runCells("export { fallback as renamed };\nfallback + 1")).toBe("4");
  });

  it("after declaring names by destructuring, and one named like the kernel's result variable", async () => {
    expect(await runCells("let [p1, q1] = [1, 2];\nconst { r1 } = { r1: 3 };\nconst tsLastExpr = 4;\np1 + q1")).toBe("3");
    expect(await runCells("p1 + q1 + r1 + tsLastExpr")).toBe("10");
  });

  it("keeps a shorthand that names a local of the same name local", async () => {
    expect(await runCells("const shadowed = 'outer';", "function inner() { const shadowed = 'inner'; return { shadowed }; }\ninner().shadowed")).toBe(
      "'inner'",
    );
  });
});

// A top-level `let`/`var` is one binding: the earlier cell's functions read and write the value a
// later cell assigned, not a copy the declaring cell kept for itself.
describe("a later cell assigns an earlier cell's variable", () => {
  it("and the earlier cell's function counts on from the new value (n = 0, n += 5)", async () => {
    expect(await runCells("let n = 0; const inc = () => { n++; }; inc(); inc(); n")).toBe("2");
    expect(await runCells("n = 0; inc(); n")).toBe("1");
    expect(await runCells("n += 5; inc(); n")).toBe("7");
  });

  it("and the earlier cell's function reads the new value, and its writes reach later cells", async () => {
    expect(await runCells("let level = 1;\nfunction readLevel() { return level; }\nfunction raise() { level *= 10; }")).toBeUndefined();
    expect(await runCells("level = 4;\nreadLevel()")).toBe("4");
    expect(await runCells("raise();\nlevel")).toBe("40");
    expect(await runCells("const lower = () => { level -= 1; };\nlower();\nreadLevel()")).toBe("39");
  });

  it("declared with var, without an initializer, and by destructuring", async () => {
    expect(await runCells("var total = 1;\nfunction addTo(x: number) { total += x; return total; }")).toBeUndefined();
    expect(await runCells("total = 10;\naddTo(1)")).toBe("11");
    expect(await runCells("let unset: number;\nconst readUnset = () => unset;", "unset = 3;\nreadUnset()")).toBe("3");
    expect(await runCells("let [lo, hi] = [0, 1], { mid } = { mid: 0.5 };\nconst span = () => [lo, mid, hi];")).toBeUndefined();
    expect(await runCells("hi = 10;\n({ mid } = { mid: 5 });\n[lo] = [2];\nspan()")).toBe("[ 2, 5, 10 ]");
  });

  it("captured by a closure a factory returned, and counted by a top-level for loop", async () => {
    expect(await runCells("let hits = 0;\nfunction makeTick() { return () => ++hits; }\nconst tick = makeTick();\ntick()")).toBe("1");
    expect(await runCells("hits = 100;\ntick()")).toBe("101");
    expect(await runCells("let step = 0;\nfor (step = 0; step < 3; step++) {}\nconst lastStep = () => step;\nstep")).toBe("3");
    expect(await runCells("step = 7;\nlastStep()")).toBe("7");
    expect(await runCells("for (step = 0; step < 5; step++) {}\nlastStep()")).toBe("5");
  });

  it("declared as a var counter of a top-level for loop or in a top-level block", async () => {
    expect(await runCells("for (var vi = 0; vi < 3; vi++) {}\nif (vi > 0) { var note = 'seen'; }\nconst readVi = () => vi;\nvi")).toBe("3");
    expect(await runCells("vi = 8;\nreadVi() + 1")).toBe("9");
    expect(await runCells("for (vi = 0; vi < 2; vi++) {}\n`${readVi()} ${note.toUpperCase()}`")).toBe("'2 SEEN'");
  });

  it("read and written by a class's static members", async () => {
    expect(await runCells("let scale = 2;\nclass Scaler {\n  static apply(x: number) { return x * scale; }\n  static bump() { scale++; }\n}")).toBeUndefined();
    expect(await runCells("scale = 3;\nScaler.apply(2)")).toBe("6");
    expect(await runCells("Scaler.bump();\nscale")).toBe("4");
  });

  it("redeclared by a later cell, which the earlier cell's functions then use", async () => {
    expect(await runCells("let shared = 1;\nconst getShared = () => shared;", "let shared = 5;\ngetShared()")).toBe("5");
  });

  it("but a const still cannot be assigned from a later cell", async () => {
    await runCells("const fixed = 1;");
    const { reply } = await kernel.execute("fixed = 2;");
    expect(reply.content).toMatchObject({ status: "error", ename: "CompileError" });
    expect(reply.content.evalue).toContain("Cannot assign to 'fixed' because it is a constant");
    expect(await runCells("fixed")).toBe("1");
  });
});
