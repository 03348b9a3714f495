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

  it("stops with the patch's name when TypeScript changed under it", () => {
    const [name, anchor] = TYPESCRIPT_PATCHES[0];
    expect(() => applyTypescriptPatches(stock.replace(anchor, "/* changed */"), file)).toThrow(
      `tslab's TypeScript cannot be patched: the anchor of patch "${name}" occurs nowhere in ${file}`,
    );
  });
});
