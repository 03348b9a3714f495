// Writes backprop-lab's declarations (.d.ts) for the current src/ into the kernel's cache (module-types.ts says why).
// Run by setup and by a kernel that found none: node --require tsx/cjs build-module-types.ts <root> [<cache>]

import { mkdirSync, readdirSync, renameSync, rmSync } from "fs";
import path from "path";
import { kernelCacheDir } from "./cache-dir";
import { buildLockFile, findModuleTypes, moduleTypesDir, moduleTypesKey } from "./module-types";

type Ts = typeof import("typescript");

/** tslab's TypeScript, the kernel's: the compiler that reads the declarations writes them. */
function tslabTypescript(): Ts {
  const dist = path.dirname(require.resolve("tslab/dist/converter.js"));
  return require(require.resolve("@tslab/typescript-for-tslab", { paths: [dist] })) as Ts;
}

/** Emits declarations of root/src/index.ts and what it imports; returns their folder. Throws on emit errors. */
export function buildModuleTypes(root: string, cacheDir: string): string {
  const ts = tslabTypescript();
  const key = moduleTypesKey(root, ts.version);
  try {
    return emitModuleTypes(ts, root, cacheDir, key);
  } finally {
    rmSync(buildLockFile(cacheDir, key), { force: true }); // the kernel that started this build claimed it
  }
}

/** Builds the declarations for the current sources unless they are there; returns the folder it built, if it did. */
export function ensureModuleTypes(root: string, cacheDir: string): string | undefined {
  const current = findModuleTypes(cacheDir, moduleTypesKey(root, tslabTypescript().version));
  return current.found ? undefined : buildModuleTypes(root, cacheDir);
}

function emitModuleTypes(ts: Ts, root: string, cacheDir: string, key: string): string {
  const target = moduleTypesDir(cacheDir, key);
  const partial = `${target}.${process.pid}`;
  const configFile = path.join(root, "tsconfig.json");
  const config = ts.sys.fileExists(configFile) ? ts.readConfigFile(configFile, ts.sys.readFile).config : {};
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram([path.join(root, "src", "index.ts")], {
    ...options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: root,
    outDir: partial,
  });
  const emitted = program.emit();
  if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
    rmSync(partial, { recursive: true, force: true });
    const first = emitted.diagnostics[0];
    const message = first ? ts.flattenDiagnosticMessageText(first.messageText, "\n") : "emit skipped";
    throw new Error(`backprop-lab's declarations could not be written (${first?.file?.fileName ?? "src/"}): ${message}`);
  }
  mkdirSync(cacheDir, { recursive: true });
  try {
    renameSync(partial, target);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another kernel's builder got there first
  }
  // Declarations of earlier sources are never read again.
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith("module-types-") && path.join(cacheDir, name) !== target && !name.includes(".")) {
      rmSync(path.join(cacheDir, name), { recursive: true, force: true });
    }
  }
  return target;
}

if (require.main === module) {
  const [root, cacheDir = kernelCacheDir()] = process.argv.slice(2);
  if (!root) {
    console.error("usage: build-module-types.ts <project root> [<cache folder>, default the kernel's own]");
    process.exitCode = 2;
  } else {
    const built = ensureModuleTypes(root, cacheDir);
    if (built !== undefined) console.log(`built backprop-lab's declarations for the kernel in ${path.relative(root, built) || built}`);
  }
}
