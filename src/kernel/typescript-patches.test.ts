// The patches to tslab's TypeScript fit the pinned copy, and the patched compiler builds the lib features map once.

import { readFileSync } from "fs";
import Module from "module";
import path from "path";
import vm from "vm";
import { describe, expect, it } from "vitest";
import { applyTypescriptPatches, TYPESCRIPT_PATCHES } from "./typescript-patches";

const file = require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/dist/converter.js"))] });
const stock = readFileSync(file, "utf8");

/** TypeScript evaluated from `source` as its own module, apart from any copy this process loaded. */
function load(source: string): { getScriptTargetFeatures(): ReadonlyMap<string, ReadonlyMap<string, string[]>> } {
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

  it("stops with the patch's name when TypeScript changed under it", () => {
    const [name, anchor] = TYPESCRIPT_PATCHES[0];
    expect(() => applyTypescriptPatches(stock.replace(anchor, "/* changed */"), file)).toThrow(
      `tslab's TypeScript cannot be patched: the anchor of patch "${name}" occurs nowhere in ${file}`,
    );
  });
});
