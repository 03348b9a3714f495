// Library files are parsed once per process and shared by the watches of later folders; a folder's own files are not.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cellProgramFactory, type CellProgram, type TslabTypeScript } from "./cell-program";

const TSLAB_DIST = path.dirname(require.resolve("tslab/dist/converter.js"));
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] })) as TslabTypeScript;

let folder: string;
const file = (name: string) => path.join(folder, name).split(path.sep).join("/");
const write = (name: string, text: string) => {
  mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
  writeFileSync(path.join(folder, name), text);
};

beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), "library-files-"));
  write("node_modules/somelib/package.json", '{ "name": "somelib", "version": "1.0.0", "types": "index.d.ts" }');
  write("node_modules/somelib/index.d.ts", "export declare const lib: number;\n");
  write("shared.ts", "export const shared = 1;\n");
  for (const cellFolder of ["a", "b", "c"]) {
    write(`${cellFolder}/cell.ts`, 'import { lib } from "somelib";\nimport { shared } from "../shared";\nexport const y = lib + shared;\n');
  }
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const options = { noLib: true, types: [], module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
const watches: { close(): void }[] = [];
afterEach(() => watches.splice(0).forEach((watch) => watch.close()));

/** A watch on `cellFolder`/cell.ts as tslab makes one, with the cell program behind it; returns its program. */
function watchProgram(cellFolder: string): import("typescript").Program {
  const host = ts.createWatchCompilerHost([file(`${cellFolder}/cell.ts`)], options, ts.sys, undefined, () => {}, () => {});
  host.createProgram = cellProgramFactory(ts) as unknown as typeof host.createProgram;
  const watch = ts.createWatchProgram(host);
  watches.push(watch);
  return (watch.getProgram() as unknown as CellProgram).getProgram();
}

describe("library files shared across folders", () => {
  it("hands a later folder's program the very SourceFile an earlier one parsed, bound already", () => {
    const first = watchProgram("a").getSourceFile(file("node_modules/somelib/index.d.ts"))!;
    const second = watchProgram("b");
    expect(first).toBeDefined();
    expect(second.getSourceFile(file("node_modules/somelib/index.d.ts"))).toBe(first);
    const diagnostics = second.getSemanticDiagnostics(second.getSourceFile(file("b/cell.ts")));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  });

  it("parses a folder's own files for each watch", () => {
    const first = watchProgram("a").getSourceFile(file("shared.ts"));
    expect(watchProgram("b").getSourceFile(file("shared.ts"))).not.toBe(first);
  });

  it("leaves the files a watch parsed itself to that watch, which reads one again when it changes", () => {
    // A watch whose file events and timers the test fires, so nothing waits on the file system.
    const watchers = new Map<string, (name: string, kind: number) => void>();
    const timers: (() => void)[] = [];
    const sys: import("typescript").System = Object.create(ts.sys);
    sys.watchFile = (name, callback) => (watchers.set(name, callback), { close: () => watchers.delete(name) });
    sys.watchDirectory = () => ({ close: () => {} });
    sys.setTimeout = (callback) => timers.push(callback) as never;
    sys.clearTimeout = () => {};
    write("d/cell.ts", 'import { lib } from "otherlib";\nexport const y = lib;\n');
    write("node_modules/otherlib/package.json", '{ "name": "otherlib", "version": "1.0.0", "types": "index.d.ts" }');
    write("node_modules/otherlib/index.d.ts", "export declare const lib: number;\n");
    const host = ts.createWatchCompilerHost([file("d/cell.ts")], options, sys, undefined, () => {}, () => {});
    host.createProgram = cellProgramFactory(ts) as unknown as typeof host.createProgram;
    const watch = ts.createWatchProgram(host);
    watches.push(watch);
    const library = file("node_modules/otherlib/index.d.ts");
    const before = (watch.getProgram() as unknown as CellProgram).getProgram().getSourceFile(library)!;
    write("node_modules/otherlib/index.d.ts", "export declare const lib: string;\n");
    watchers.get(library)!(library, ts.FileWatcherEventKind.Changed);
    timers.splice(0).forEach((run) => run());
    const after = (watch.getProgram() as unknown as CellProgram).getProgram().getSourceFile(library)!;
    expect(after).not.toBe(before);
    expect(after.text).toContain("string");
  });

  it("parses a library file again when its text changed on disk", () => {
    const before = watchProgram("a").getSourceFile(file("node_modules/somelib/index.d.ts"))!;
    write("node_modules/somelib/index.d.ts", "export declare const lib: string;\n");
    const program = watchProgram("c");
    const after = program.getSourceFile(file("node_modules/somelib/index.d.ts"))!;
    expect(after).not.toBe(before);
    expect(after.text).toContain("string");
    const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(file("c/cell.ts")));
    expect(diagnostics.map((d) => d.code)).toEqual([]); // string + number is a string: still no error, but from the new text
    expect(program.getTypeChecker().typeToString(program.getTypeChecker().getTypeAtLocation(
      (program.getSourceFile(file("c/cell.ts"))!.statements[2] as import("typescript").VariableStatement).declarationList.declarations[0].name,
    ))).toBe("string");
  });
});
