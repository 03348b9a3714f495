// Cells are type-checked against declarations of backprop-lab (.d.ts, about a quarter of the source text) kept in
// node_modules/.cache/backprop-lab/, named by a hash of src/: reading them instead of src/ takes most of a second off
// the kernel's warm-up. A kernel finding none for the current sources checks against src/ as before, says so once,
// and starts building them for its next start.

import { createHash } from "crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "fs";
import path from "path";
import { spawnInBackground } from "./background";

/** The folder (under the cache) holding src/index.d.ts and the rest, for sources hashing to `key`. */
export function moduleTypesDir(cacheDir: string, key: string): string {
  return path.join(cacheDir, `module-types-${key}`);
}

/** Every .ts file under root/src except tests, sorted: what the module's declarations are made from. */
function moduleSources(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) files.push(file);
    }
  };
  walk(path.join(root, "src"));
  return files.sort();
}

/** A hash of the module's sources (names and text) and the TypeScript version that writes and reads the declarations. */
export function moduleTypesKey(root: string, typescriptVersion: string): string {
  const hash = createHash("sha1").update(typescriptVersion);
  for (const file of moduleSources(root)) hash.update(`\0${path.relative(root, file)}\0`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

export type ModuleTypes = { found: true; index: string } | { found: false; why: string };

/** The declarations for the current sources, or why there are none (none built yet, or built from other sources). */
export function findModuleTypes(cacheDir: string, key: string): ModuleTypes {
  const index = path.join(moduleTypesDir(cacheDir, key), "src", "index.d.ts");
  if (existsSync(index)) return { found: true, index };
  let others: string[] = [];
  try {
    others = readdirSync(cacheDir).filter((name) => name.startsWith("module-types-") && !name.includes("."));
  } catch {
    // no cache folder yet
  }
  return { found: false, why: others.length > 0 ? "src/ changed since backprop-lab's declarations were built" : "backprop-lab's declarations are not built yet" };
}

type ReadingSys = { readFile(p: string, encoding?: string): string | undefined };

/**
 * Makes TypeScript resolve `import … from "<packageName>"` to `index` (the cached declarations): package.json of
 * that package, read through any node_modules/<packageName>, gets its "types" pointed there. The path is absolute:
 * one relative to the package would be joined to the node_modules link, not to the folder it links to.
 */
export function useModuleTypes(sys: ReadingSys, packageName: string, index: string): void {
  const readFile = sys.readFile;
  const suffix = `/node_modules/${packageName}/package.json`;
  sys.readFile = (p, encoding) => {
    const text = readFile.call(sys, p, encoding);
    if (text === undefined || !p.replace(/\\/g, "/").endsWith(suffix)) return text;
    const pkg = JSON.parse(text) as { name?: string; types?: string };
    if (pkg.name !== packageName) return text;
    return JSON.stringify({ ...pkg, types: index.replace(/\\/g, "/") });
  };
}

/** The file a builder of `key`'s declarations holds while it works, so that kernels starting meanwhile start no other. */
export function buildLockFile(cacheDir: string, key: string): string {
  return `${moduleTypesDir(cacheDir, key)}.building`;
}

/** A builder's claim older than this is a crashed one's. */
const BUILD_LOCK_STALE_MS = 10 * 60_000;

/** Claims the build of `key`'s declarations for this kernel; returns why not when it may not or need not build them. */
export function claimBuild(cacheDir: string, key: string): string | undefined {
  const lock = buildLockFile(cacheDir, key);
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(lock, String(process.pid), { flag: "wx" });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST") return `and cannot build them here (${cacheDir}: ${code ?? (error as Error).message})`;
  }
  try {
    if (Date.now() - statSync(lock).mtimeMs < BUILD_LOCK_STALE_MS) return "another kernel is building them for the next start";
    writeFileSync(lock, String(process.pid));
    return undefined;
  } catch (error) {
    return `and cannot build them here (${lock}: ${(error as Error).message})`;
  }
}

/** node's arguments to run build-module-types.ts (through tsx, as the kernel itself runs) for root into cacheDir. */
function builderArgs(root: string, cacheDir: string): string[] {
  const tsx = require.resolve("tsx/cjs", { paths: [root] });
  return ["--require", tsx, path.join(__dirname, "build-module-types.ts"), root, cacheDir];
}

/** Starts the detached builder of the claimed declarations; returns what the notice says about it. */
function startBuilder(root: string, cacheDir: string, key: string): string {
  try {
    // Niced: behind the kernel's own work and the learner's cells. One that cannot start leaves the next start as this one.
    spawnInBackground(builderArgs(root, cacheDir), 10);
    return "building them in the background for the next start";
  } catch (error) {
    rmSync(buildLockFile(cacheDir, key), { force: true });
    return `and cannot build them here (${(error as Error).message})`;
  }
}

let reported = false;

/**
 * Says once on stderr why cells are checked against src/, and starts building the declarations for `key` in a
 * detached process (build-module-types.ts) unless this kernel may not (a grading sandbox: read-only cache, no child
 * processes; no key: src/ unreadable) or another kernel already is.
 */
export function reportAndBuildModuleTypes(why: string, root: string, cacheDir: string, key: string | undefined): void {
  if (reported) return;
  reported = true;
  const building = key === undefined ? "and cannot build them here" : (claimBuild(cacheDir, key) ?? startBuilder(root, cacheDir, key));
  // fd 2 directly: the kernel's stderr (the Jupyter server's log), past any cell's stream capture.
  writeSync(2, `backprop-lab kernel: cells are type-checked against src/ (a slower start) because ${why}; ${building}\n`);
}
