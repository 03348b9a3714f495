// The module's cached declarations: named by its sources, found only while current, and read in place of src/.

import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildModuleTypes } from "./build-module-types";
import { buildLockFile, claimBuild, findModuleTypes, moduleTypesKey, useModuleTypes } from "./module-types";

type Ts = typeof import("typescript");
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/dist/converter.js"))] })) as Ts;

let root: string;
let cacheDir: string;

/** A package named backprop-lab whose "types" are its sources, linked into its own node_modules like the project. */
function writePackage(): void {
  mkdirSync(path.join(root, "src"), { recursive: true });
  writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "backprop-lab", types: "src/index.ts" }));
  writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, lib: ["es2022"], types: [] } }));
  writeFileSync(path.join(root, "src", "index.ts"), 'export { Box } from "./box";\n');
  writeFileSync(path.join(root, "src", "box.ts"), "/** A number in a box. */\nexport class Box {\n  constructor(readonly value: number) {}\n}\n");
  writeFileSync(path.join(root, "src", "box.test.ts"), "// a test: not part of the declarations\n");
  mkdirSync(path.join(root, "node_modules"));
  symlinkSync("..", path.join(root, "node_modules", "backprop-lab"), "dir");
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "bpl-module-types-"));
  // Outside the package, as a BACKPROP_LAB_CACHE_DIR may be: "types" must not be taken relative to the node_modules link.
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "bpl-module-types-cache-"));
  writePackage();
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("moduleTypesKey", () => {
  it("changes with a source's text and the TypeScript version, not with a test file", () => {
    const key = moduleTypesKey(root, "5.0.4");
    writeFileSync(path.join(root, "src", "box.test.ts"), "// edited test\n");
    expect(moduleTypesKey(root, "5.0.4")).toBe(key);
    expect(moduleTypesKey(root, "5.1.0")).not.toBe(key);
    writeFileSync(path.join(root, "src", "box.ts"), "export class Box {}\n");
    expect(moduleTypesKey(root, "5.0.4")).not.toBe(key);
  });
});

describe("findModuleTypes", () => {
  it("finds the declarations built for the current sources, and says why not before the build and after an edit", () => {
    const key = () => moduleTypesKey(root, ts.version);
    expect(findModuleTypes(cacheDir, key())).toEqual({ found: false, why: "backprop-lab's declarations are not built yet" });
    const built = buildModuleTypes(root, cacheDir);
    expect(findModuleTypes(cacheDir, key())).toEqual({ found: true, index: path.join(built, "src", "index.d.ts") });
    writeFileSync(path.join(root, "src", "box.ts"), "export class Box {\n  constructor(readonly value: string) {}\n}\n");
    expect(findModuleTypes(cacheDir, key())).toEqual({ found: false, why: "src/ changed since backprop-lab's declarations were built" });
  });
});

describe("useModuleTypes", () => {
  /** Type-checks `code` as a file of the package's folder importing "backprop-lab", reading files through `sys`. */
  function check(code: string, sys: { readFile(p: string): string | undefined }) {
    const cell = path.join(root, "cell.ts");
    writeFileSync(cell, code);
    const options = { strict: true, noEmit: true, moduleResolution: ts.ModuleResolutionKind.Node10, types: [], lib: ["lib.es2022.d.ts"] };
    const host = ts.createCompilerHost(options);
    host.readFile = (file) => sys.readFile(file);
    const program = ts.createProgram([cell], options, host);
    const files = program.getSourceFiles().map((f) => path.relative(root, f.fileName));
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    return { files: files.filter((f) => !f.includes("lib.")), errors };
  }

  it("resolves the package to its cached declarations, which still catch a type error", () => {
    const index = path.join(buildModuleTypes(root, cacheDir), "src", "index.d.ts");
    const sys = { readFile: (p: string) => ts.sys.readFile(p) };
    const code = 'import { Box } from "backprop-lab";\nconst s: string = new Box(1).value;\n';
    expect(check(code, sys).files).toContain(path.join("src", "box.ts"));
    useModuleTypes(sys, "backprop-lab", index);
    const { files, errors } = check(code, sys);
    expect(files.some((f) => f.startsWith("src"))).toBe(false);
    expect(files).toContain(path.relative(root, path.join(path.dirname(index), "box.d.ts")));
    expect(errors).toEqual(["Type 'number' is not assignable to type 'string'."]);
  });
});

describe("claimBuild", () => {
  it("lets one kernel build a key's declarations until its claim is ten minutes old", () => {
    expect(claimBuild(cacheDir, "k1")).toBeUndefined();
    expect(existsSync(buildLockFile(cacheDir, "k1"))).toBe(true);
    expect(claimBuild(cacheDir, "k1")).toBe("another kernel is building them for the next start");
    expect(claimBuild(cacheDir, "k2")).toBeUndefined();
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    utimesSync(buildLockFile(cacheDir, "k1"), elevenMinutesAgo, elevenMinutesAgo);
    expect(claimBuild(cacheDir, "k1")).toBeUndefined();
  });

  it("says why when the cache folder cannot be written", () => {
    const file = path.join(cacheDir, "a-file");
    writeFileSync(file, "");
    expect(claimBuild(path.join(file, "cache"), "k1")).toBe(`and cannot build them here (${path.join(file, "cache")}: ENOTDIR)`);
  });
});
