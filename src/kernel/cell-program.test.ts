// The builder-free cell program: a cell's dependencies are its own files, transitively, never a library's.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellProgramFactory, type TslabTypeScript } from "./cell-program";

const TSLAB_DIST = path.dirname(require.resolve("tslab/dist/converter.js"));
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] })) as TslabTypeScript;

let folder: string;
const file = (name: string) => path.join(folder, name).split(path.sep).join("/");

beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), "cell-program-"));
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  };
  write("cell.ts", '/// <reference path="./notes.ts" />\nimport { twice } from "./helper";\nimport { lib } from "somelib";\nexport const y = twice(lib);\n');
  write("helper.ts", 'import { one } from "./deeper/one";\nexport const twice = (x: number) => 2 * x * one;\n');
  write("deeper/one.ts", "export const one = 1;\n");
  write("notes.ts", "const note = 'referenced, not imported';\n");
  write("unused.ts", "export const unused = 0;\n");
  write("node_modules/somelib/package.json", '{ "name": "somelib", "version": "1.0.0", "main": "index.ts" }');
  write("node_modules/somelib/index.ts", 'import { inner } from "./inner";\nexport const lib = inner;\n');
  write("node_modules/somelib/inner.ts", "export const inner = 3;\n");
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const options = { noLib: true, types: [], module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, allowJs: true };

describe("cell program", () => {
  it("lists the cell, then its imported and referenced files transitively, and no library file", () => {
    const host = ts.createCompilerHost(options);
    const program = cellProgramFactory(ts)([file("cell.ts")], options, host, undefined);
    expect(program.getSourceFile(file("node_modules/somelib/index.ts"))).toBeDefined();
    const dependencies = program.getAllDependencies(program.getSourceFile(file("cell.ts"))!);
    expect(dependencies[0]).toBe(file("cell.ts"));
    expect(dependencies.slice(1).sort()).toEqual([file("deeper/one.ts"), file("helper.ts"), file("notes.ts")]);
  });

  it("hands out files bound, with parent pointers, before any checker exists (completion needs them)", () => {
    const program = cellProgramFactory(ts)([file("cell.ts")], options, ts.createCompilerHost(options), undefined);
    const cell = program.getSourceFile(file("cell.ts"))!;
    expect(cell.statements[0].parent).toBe(cell);
    expect([...((cell as { locals?: Map<string, unknown> }).locals?.keys() ?? [])]).toContain("y");
  });

  it("builds each program on the last, reusing its structure when no file changed", () => {
    // Parsed files cached by name, as the watch's host does.
    const host = ts.createCompilerHost(options);
    const parsed = new Map<string, import("typescript").SourceFile | undefined>();
    const parse = host.getSourceFile.bind(host);
    host.getSourceFile = (name, ...rest) => (parsed.has(name) ? parsed.get(name) : parsed.set(name, parse(name, ...rest)).get(name));
    const create = cellProgramFactory(ts);
    const first = create([file("cell.ts")], options, host, undefined);
    const second = create([file("cell.ts")], options, host, first);
    expect(second.getProgram()).not.toBe(first.getProgram());
    const reuse = (program: object) => (program as { structureIsReused?: number }).structureIsReused;
    expect(reuse(second.getProgram())).toBe((ts as unknown as { StructureIsReused: { Completely: number } }).StructureIsReused.Completely);
  });

  it("keeps the last program when the watch asks without roots, and says so when there is none", () => {
    const host = ts.createCompilerHost(options);
    const create = cellProgramFactory(ts);
    const first = create([file("cell.ts")], options, host, undefined);
    expect(create(undefined, undefined, host, first)).toBe(first);
    expect(() => create(undefined, undefined, host, undefined)).toThrow("no roots and no earlier program");
  });
});
