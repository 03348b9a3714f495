// The emitted cell module's top-level let/var become one binding on exports; functions, consts and
// block-scoped loop variables keep their own scopes.

import path from "path";
import { describe, expect, it } from "vitest";
import { shareTopLevelBindings } from "./shared-bindings";

const ts: typeof import("typescript") = require(
  require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/dist/converter.js"))] }),
);

/** Rewrites an emitted cell, runs it as CommonJS, and returns its exports. */
function run(esm: string): { [name: string]: any } {
  const cjs = ts.transpileModule(shareTopLevelBindings(ts, esm), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const exports: { [name: string]: any } = {};
  new Function("exports", cjs)(exports);
  return exports;
}

describe("shareTopLevelBindings", () => {
  it("makes a function's top-level let the exports property another cell assigns", () => {
    const out = run("let n = 0;\nconst inc = () => { n++; };\ninc();\nexport { n, inc };");
    expect(out.n).toBe(1);
    out.n = 10;
    out.inc();
    expect(out.n).toBe(11);
  });

  it("shares destructured lets and vars declared in top-level loops and blocks", () => {
    const esm =
      "let [lo, { hi }] = [1, { hi: 2 }];\nfor (var i = 0; i < 3; i++) {}\nfor (var [a, b] of [[4, 5]]) {}\n" +
      "if (true) { var inBlock = 6, unset; }\nconst read = () => [lo, hi, i, a, b, inBlock, unset];\nexport { lo, hi, i, a, b, inBlock, unset, read };";
    const out = run(esm);
    expect(out.read()).toEqual([1, 2, 3, 4, 5, 6, undefined]);
    Object.assign(out, { lo: 10, hi: 20, i: 30, a: 40, b: 50, inBlock: 60, unset: 70 });
    expect(out.read()).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it("leaves consts, block-scoped loop variables and functions' own vars alone", () => {
    const esm = "const k = 1;\nconst fs = [];\nfor (let j = 0; j < 2; j++) fs.push(() => j);\nfunction f() { var own = 3; return own; }\nexport { k, fs, f };";
    const rewritten = shareTopLevelBindings(ts, esm);
    expect(rewritten).toContain("const k = 1;");
    expect(rewritten).toContain("var own = 3;");
    const out = run(esm);
    expect(out.fs.map((g: () => number) => g())).toEqual([0, 1]);
    expect(out.f()).toBe(3);
  });

  it("returns a module without the cell's export list unchanged", () => {
    expect(shareTopLevelBindings(ts, "let x = 1;\nx;")).toBe("let x = 1;\nx;");
  });
});
