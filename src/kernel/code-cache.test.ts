// Loading through V8's code cache: same module semantics as require, a cache written once and reused,
// never reused for changed source, and a folder that cannot be written only costs the cache.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requireWithCodeCache } from "./code-cache";

let dir: string;
let file: string;
let cacheDir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bpl-code-cache-"));
  file = path.join(dir, "answer.js");
  cacheDir = path.join(dir, "cache");
  writeFileSync(file, "module.exports = { answer: 41 + 1, dir: __dirname, sum: require('./sum') };\n");
  writeFileSync(path.join(dir, "sum.js"), "module.exports = (a, b) => a + b;\n");
});

afterEach(() => {
  for (const loaded of Object.keys(require.cache)) if (loaded.startsWith(dir)) delete require.cache[loaded];
  rmSync(dir, { recursive: true, force: true });
});

function forget(): void {
  delete require.cache[file];
}

describe("requireWithCodeCache", () => {
  it("loads a CommonJS file as require would, and require() then returns the same instance", () => {
    const loaded = requireWithCodeCache(file, cacheDir);
    const exports = loaded.exports as { answer: number; dir: string; sum: (a: number, b: number) => number };
    expect(exports.answer).toBe(42);
    expect(exports.dir).toBe(dir);
    expect(exports.sum(2, 3)).toBe(5);
    expect(require(file)).toBe(exports);
    expect(loaded.fromCache).toBe(false);
  });

  it("writes the cache once; the next load takes it", () => {
    expect(requireWithCodeCache(file, cacheDir).saveCache()).toBe(true);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".v8cache"))).toHaveLength(1);
    forget();
    const again = requireWithCodeCache(file, cacheDir);
    expect(again.fromCache).toBe(true);
    expect((again.exports as { answer: number }).answer).toBe(42);
  });

  it("does not feed the cache of one source to a changed source of the same length", () => {
    requireWithCodeCache(file, cacheDir).saveCache();
    forget();
    writeFileSync(file, "module.exports = { answer: 40 + 3, dir: __dirname, sum: require('./sum') };\n");
    const changed = requireWithCodeCache(file, cacheDir);
    expect(changed.fromCache).toBe(false);
    expect((changed.exports as { answer: number }).answer).toBe(43);
  });

  it("runs the edited source, and keeps its cache apart from the unedited one's", () => {
    requireWithCodeCache(file, cacheDir).saveCache();
    forget();
    const edited = requireWithCodeCache(file, cacheDir, (source) => source.replace("41 + 1", "40 + 3"));
    expect((edited.exports as { answer: number }).answer).toBe(43);
    expect(edited.fromCache).toBe(false);
  });

  it("still loads when the cache folder cannot be made, and says the cache was not saved", () => {
    const blocked = path.join(dir, "not-a-folder");
    writeFileSync(blocked, "");
    const loaded = requireWithCodeCache(file, path.join(blocked, "cache"));
    expect((loaded.exports as { answer: number }).answer).toBe(42);
    expect(loaded.saveCache()).toBe(false);
  });

  it("leaves nothing in require.cache when the file throws", () => {
    writeFileSync(file, "throw new Error('broken on purpose');\n");
    expect(() => requireWithCodeCache(file, cacheDir)).toThrow("broken on purpose");
    expect(require.cache[file]).toBeUndefined();
  });
});
