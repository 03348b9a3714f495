// The standard library read as one file checks, infers and overloads exactly as the ~55 separate files do.

import { mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLibAsOneFile, type LibTypeScript } from "./one-lib-file";

const TSLAB_DIST = path.dirname(require.resolve("tslab/dist/converter.js"));
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] })) as LibTypeScript;

// Globals declared in parts across lib files, with overloads whose order the parts decide.
const CELL = `
export const found = [1, 2].includes(2) && [[1], [2]].flat().at(-1);
export const all = Promise.all([1, Promise.resolve("a")]);
export const replaced = "abc".replaceAll("a", (m) => m.toUpperCase());
export const formatted = new Intl.NumberFormat("en", { style: "percent" }).format(0.5);
export const cause = new Error("x", { cause: 1 }).cause;
export const owned = Object.hasOwn({ a: 1 }, "a");
export const last = [1].findLast((x) => x > 0);
export const wrong: string = Symbol.iterator;
`;
// What @types/node does: a reference to a lib file the first one includes already.
const TYPES = '/// <reference lib="es2020" />\ndeclare const fromTypes: BigInt64Array;\n';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), "one-lib-file-"));
  writeFileSync(path.join(folder, "cell.ts"), CELL);
  writeFileSync(path.join(folder, "types.d.ts"), TYPES);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function program(oneFile: boolean, lib = ["lib.es2022.d.ts"]) {
  const options = { target: ts.ScriptTarget.ES2022, lib, declaration: true, strict: true, types: [] };
  const host = ts.createCompilerHost(options);
  if (oneFile) readLibAsOneFile(ts, host, options);
  return ts.createProgram([path.join(folder, "cell.ts"), path.join(folder, "types.d.ts")], options, host);
}

/** Everything a learner would see of the program: diagnostics, declarations, and each global's signatures in order. */
function observed(oneFile: boolean) {
  const built = program(oneFile);
  const checker = built.getTypeChecker();
  const diagnostics = ts.getPreEmitDiagnostics(built).map((d) => `${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  const cell = built.getSourceFile(path.join(folder, "cell.ts"))!;
  let declarations = "";
  built.emit(cell, (name, text) => name.endsWith(".d.ts") && (declarations += text), undefined, true);
  const global = (name: string, flags: number) => checker.getSymbolsInScope(cell, flags).find((symbol) => symbol.name === name)!;
  const signatures = (name: string, member: string) => {
    const method = checker.getTypeOfSymbol(global(name, ts.SymbolFlags.Value)).getProperty(member)!;
    return checker.getSignaturesOfType(checker.getTypeOfSymbol(method), ts.SignatureKind.Call).map((s) => checker.signatureToString(s));
  };
  // A symbol-keyed member's name ends in a per-program id.
  const members = (name: string) => checker.getDeclaredTypeOfSymbol(global(name, ts.SymbolFlags.Type)).getProperties().map((p) => p.name.replace(/@\d+$/, ""));
  return {
    diagnostics,
    declarations,
    promiseAll: signatures("Promise", "all"),
    arrayFrom: signatures("Array", "from"),
    objectEntries: signatures("Object", "entries"),
    arrayMembers: members("Array"),
    stringMembers: members("String"),
    files: built.getSourceFiles().length,
  };
}

describe("the standard library read as one file", () => {
  it("gives the same diagnostics, declarations and overload order as the separate files", () => {
    const separate = observed(false);
    const oneFile = observed(true);
    expect(separate.diagnostics.some((d) => d.startsWith("2550 "))).toBe(true); // findLast is ES2023: still an error
    expect(separate.diagnostics.some((d) => d.startsWith("2322 "))).toBe(true);
    expect(separate.promiseAll.length).toBeGreaterThan(1);
    expect(separate.arrayFrom.length).toBeGreaterThan(1);
    const { files: _separateFiles, ...seenSeparately } = separate;
    const { files: _oneFileFiles, ...seenAsOneFile } = oneFile;
    expect(seenAsOneFile).toEqual(seenSeparately);
  });

  it("holds every lib file's declarations in the first one, and reads the others as empty", () => {
    const built = program(true);
    const first = built.getSourceFiles().find((f) => f.fileName.endsWith("/lib.es2022.d.ts"))!;
    expect(first.text).toContain("interface ArrayConstructor");
    expect(first.text).toContain("interface ErrorOptions");
    expect(first.libReferenceDirectives).toEqual([]);
    const es2020 = built.getSourceFiles().find((f) => f.fileName.endsWith("/lib.es2020.d.ts"));
    expect(es2020?.statements.length).toBe(0);
    expect(built.getSourceFiles().some((f) => f.fileName.endsWith("/lib.es5.d.ts"))).toBe(false);
  });

  it("orders the parts as a program orders lib files: es5 before its additions, additions before the decorators", () => {
    const first = program(true).getSourceFiles().find((f) => f.fileName.endsWith("/lib.es2022.d.ts"))!.text;
    const at = (text: string) => first.indexOf(text);
    expect(at("interface ArrayConstructor")).toBeLessThan(at("from<T>(iterable: Iterable<T> | ArrayLike<T>): T[];"));
    expect(first).not.toContain("findLast"); // ES2023, beyond the first file
    expect(at("interface ErrorOptions")).toBeLessThan(at("interface ClassDecoratorContext"));
  });

  it("leaves a program with several lib options as it is: their files interleave", () => {
    const files = program(true, ["lib.es2022.d.ts", "lib.dom.d.ts"]).getSourceFiles();
    expect(files.find((f) => f.fileName.endsWith("/lib.es5.d.ts"))?.text).toContain("interface ArrayConstructor");
  });
});
