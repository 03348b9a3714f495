// Loads a large CommonJS file (TypeScript's compiler) with V8's code cache: a kernel start then skips compiling the
// functions an earlier start compiled. The cache is written after warm-up, so it holds the lazily compiled ones too.

import { createHash } from "crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "fs";
import Module from "module";
import path from "path";
import vm from "vm";

export interface CodeCachedModule {
  exports: unknown;
  /** V8 took the cached code (false on a first load, or when the cache did not fit this Node). */
  fromCache: boolean;
  /** Writes the code cache if there was none or V8 refused it; false when it could not be written (read-only folder). */
  saveCache(): boolean;
}

/**
 * Like require(file), with the compiled code cached in cacheDir. The module goes into require.cache under its
 * own name, so every later require() of it (tslab's converter's) gets this instance. `edit` changes the source first.
 */
export function requireWithCodeCache(file: string, cacheDir: string, edit = (source: string) => source): CodeCachedModule {
  const loaded = require.cache[file];
  if (loaded) return { exports: loaded.exports, fromCache: false, saveCache: () => true };
  const source = edit(readFileSync(file, "utf8"));
  // V8 checks a cache against the source's length only, not its text: the name carries a hash of the text.
  const key = createHash("sha1").update(process.version).update(source).digest("hex").slice(0, 16);
  const cacheFile = path.join(cacheDir, `${path.basename(file, ".js")}-${key}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet: compile from source
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  try {
    script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  mod.loaded = true;
  const fromCache = cachedData !== undefined && script.cachedDataRejected !== true;
  return {
    exports: mod.exports,
    fromCache,
    saveCache: () => {
      if (fromCache) return true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        // Written aside, then renamed: a kernel starting meanwhile reads a whole cache or none.
        const partial = `${cacheFile}.${process.pid}`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
        return true;
      } catch {
        return false;
      }
    },
  };
}
