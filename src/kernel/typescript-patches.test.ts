// The patches to tslab's TypeScript fit the pinned copy, and the patched compiler builds the lib features map once.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import Module from "module";
import os from "os";
import path from "path";
import vm from "vm";
import { describe, expect, it } from "vitest";
import { applyTypescriptPatches, TYPESCRIPT_PATCHES } from "./typescript-patches";

const file = require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/dist/converter.js"))] });
const stock = readFileSync(file, "utf8");

type LoadedTypeScript = typeof import("typescript") & { getScriptTargetFeatures(): ReadonlyMap<string, ReadonlyMap<string, string[]>> };

/** TypeScript evaluated from `source` as its own module, apart from any copy this process loaded. */
function load(source: string): LoadedTypeScript {
  const mod = { exports: {} };
  new vm.Script(Module.wrap(source), { filename: file }).runInThisContext()(mod.exports, require, mod, file, path.dirname(file));
  return mod.exports as never;
}

describe("tslab TypeScript patches", () => {
  it.each(TYPESCRIPT_PATCHES.map(([name, anchor]) => [name, anchor]))("%s: its anchor occurs once in the pinned TypeScript", (_name, anchor) => {
    expect(stock.split(anchor).length - 1).toBe(1);
  });

  it("builds the lib features map once, with the same contents as stock TypeScript's", () => {
    const patched = load(applyTypescriptPatches(stock, file)).getScriptTargetFeatures;
    expect(patched()).toBe(patched());
    const fresh = load(stock).getScriptTargetFeatures;
    expect(fresh()).not.toBe(fresh());
    expect([...patched().get("Array")!.entries()]).toEqual([...fresh().get("Array")!.entries()]);
    expect(patched().size).toBe(fresh().size);
  });

  it("still works out the module format a file implies under Node16 and NodeNext resolution, and none under Node10", () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "ts-patches-"));
    try {
      const roots = ["a.mts", "b.cts", "c.ts"].map((name) => path.join(folder, name));
      for (const root of roots) writeFileSync(root, "export const x = 1;\n");
      writeFileSync(path.join(folder, "package.json"), '{ "type": "module" }');
      const formats = (ts: LoadedTypeScript, moduleResolution: number) => {
        const options = { module: ts.ModuleKind.NodeNext, moduleResolution, noLib: true, types: [] };
        const program = ts.createProgram(roots, options);
        return roots.map((root) => program.getSourceFile(root)?.impliedNodeFormat);
      };
      const patched = load(applyTypescriptPatches(stock, file));
      const { ESNext, CommonJS } = patched.ModuleKind;
      for (const resolution of [patched.ModuleResolutionKind.Node16, patched.ModuleResolutionKind.NodeNext]) {
        expect(formats(patched, resolution)).toEqual([ESNext, CommonJS, ESNext]);
      }
      expect(formats(patched, patched.ModuleResolutionKind.Node10)).toEqual([undefined, undefined, undefined]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("still writes `/// <reference types>` into declarations naming a type an @types package declares in a file it references", () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "ts-patches-"));
    try {
      const types = path.join(folder, "node_modules", "@types", "fake");
      mkdirSync(types, { recursive: true });
      writeFileSync(path.join(types, "index.d.ts"), '/// <reference path="things.d.ts" />\n');
      writeFileSync(path.join(types, "things.d.ts"), "declare namespace Fake {\n  interface Thing { x: number }\n}\n");
      const cell = path.join(folder, "cell.ts");
      writeFileSync(cell, "declare const made: Fake.Thing;\nexport const thing = made;\n");
      const declarations = (ts: LoadedTypeScript) => {
        const program = ts.createProgram([cell], { declaration: true, emitDeclarationOnly: true, noLib: true, types: ["fake"], typeRoots: [path.dirname(types)] });
        let text = "";
        program.emit(undefined, (_name, data) => (text += data));
        return text;
      };
      const patched = declarations(load(applyTypescriptPatches(stock, file)));
      expect(patched).toContain('/// <reference types="fake" />');
      expect(patched).toBe(declarations(load(stock)));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  // What a cell's program emits, as ES modules: imports of every kind, an export list, shared bindings, classes, async code.
  const CELL_MODULES = [
    'import { Value, topo as order } from "backprop-lab";\nimport * as lab from "backprop-lab";\nimport plot from "plotly";\nconst v = new Value(1);\nexport let n = order(v).length + lab.size + plot.x;\nexport { v };\n',
    "export var i;\nfor (i = 0; i < 3; i++) {\n    setTimeout(() => console.log(i));\n}\nlabel: for (const k of [1, 2]) {\n    if (k) continue label;\n}\n",
    "class Node {\n    static count = 0;\n    #id = Node.count++;\n    static { Node.count = 1; }\n    get id() { return this.#id; }\n}\nexport { Node };\n",
    "async function* pairs() { yield [1, await Promise.resolve(2)]; }\nexport const tsLastExpr = (async () => { for await (const [a, b] of pairs()) return { a, b, ...{ c: 3 } }; })();\nexport { pairs };\n",
    'export const loaded = import("fs").then((fs) => fs.existsSync("."));\nexport default function make() { return new.target; }\nexport * from "path";\n',
  ];

  it("emits the same CommonJS from a cell's emitted JavaScript with noCheck as with the check", () => {
    const toCommonJS = (ts: LoadedTypeScript, js: string, noCheck: boolean) =>
      ts.transpileModule(js, {
        fileName: "custom.js",
        compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true, target: ts.ScriptTarget.ES2022, noCheck } as never,
      }).outputText;
    const patched = load(applyTypescriptPatches(stock, file));
    const fresh = load(stock);
    for (const js of CELL_MODULES) {
      expect(toCommonJS(patched, js, true)).toBe(toCommonJS(fresh, js, false));
    }
  });

  it("skips the check before emit only when noCheck is set: a TypeScript import then reads as unused and is dropped", () => {
    // Why only the CommonJS step of checked JavaScript sets it: TypeScript keeps an import the check marked as used.
    const folder = mkdtempSync(path.join(os.tmpdir(), "ts-patches-"));
    try {
      writeFileSync(path.join(folder, "m.ts"), "export const x = 1;\n");
      writeFileSync(path.join(folder, "use.ts"), 'import { x } from "./m";\nconsole.log(x);\n');
      const emitted = (noCheck: boolean) => {
        const ts = load(applyTypescriptPatches(stock, file));
        const program = ts.createProgram([path.join(folder, "use.ts")], { module: ts.ModuleKind.CommonJS, noLib: true, types: [], noCheck } as never);
        let text = "";
        program.emit(program.getSourceFile(path.join(folder, "use.ts")), (name, data) => name.endsWith("use.js") && (text += data));
        return text;
      };
      expect(emitted(false)).toContain('require("./m")');
      expect(emitted(true)).not.toContain('require("./m")');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("stops with the patch's name when TypeScript changed under it", () => {
    const [name, anchor] = TYPESCRIPT_PATCHES[0];
    expect(() => applyTypescriptPatches(stock.replace(anchor, "/* changed */"), file)).toThrow(
      `tslab's TypeScript cannot be patched: the anchor of patch "${name}" occurs nowhere in ${file}`,
    );
  });
});
