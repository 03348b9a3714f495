// The patches to tslab's converter: every one fits the pinned tslab, and one that does not stops with its name.

import { readFileSync } from "fs";
import path from "path";
import { describe, expect, it } from "vitest";
import { applyConverterPatches, CONVERTER_PATCHES } from "./converter-patches";

const file = path.join(path.dirname(require.resolve("tslab/dist/converter.js")), "converter.js");
const stock = readFileSync(file, "utf8");

describe("tslab converter patches", () => {
  it.each(CONVERTER_PATCHES.map(([name, anchor]) => [name, anchor]))("%s: its anchor occurs once in the pinned tslab", (_name, anchor) => {
    expect(stock.split(anchor).length - 1).toBe(1);
  });

  it("applies all of them, each replacement landing in the patched source", () => {
    const patched = applyConverterPatches(stock, file);
    for (const [, anchor, replacement] of CONVERTER_PATCHES) {
      expect(patched).toContain(replacement);
      if (!replacement.includes(anchor)) expect(patched).not.toContain(anchor);
    }
  });

  it("stops with the patch's name when its anchor is missing, instead of running stock tslab", () => {
    const [name, anchor] = CONVERTER_PATCHES[3];
    const changed = stock.replace(anchor, "/* tslab changed here */");
    expect(() => applyConverterPatches(changed, file)).toThrow(`the anchor of patch "${name}" occurs nowhere in ${file}`);
  });

  it("stops when an anchor occurs twice (the edit could land in the wrong place)", () => {
    const [name, anchor] = CONVERTER_PATCHES[0];
    expect(() => applyConverterPatches(stock + "\n" + anchor, file)).toThrow(`the anchor of patch "${name}" occurs more than once`);
  });
});
