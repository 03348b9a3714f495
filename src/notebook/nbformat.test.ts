// nbformat reading and writing: errors name the file and the problem; ids are generated; output diffs like Jupyter's.
import { describe, expect, it } from "vitest";
import { NotebookFormatError, parseNotebook, serializeNotebook, splitLines, validateNotebook, jsonErrorOffset, clearOutputs } from "./nbformat";

const cell = (id: string, source: string) => ({ cell_type: "code", id, metadata: {}, source, outputs: [], execution_count: null });
const notebook = (cells: unknown[], minor = 5) => ({ nbformat: 4, nbformat_minor: minor, metadata: { kernelspec: { name: "backprop-lab" } }, cells });

function problemOf(text: string): string {
  try {
    parseNotebook(text, "lesson.ipynb");
  } catch (error) {
    expect(error).toBeInstanceOf(NotebookFormatError);
    return (error as Error).message;
  }
  throw new Error("expected a NotebookFormatError");
}

describe("parseNotebook", () => {
  it("reports malformed JSON with file, line and column", () => {
    const message = problemOf('{\n "nbformat": 4,\n "cells": [\n  }\n');
    expect(message).toMatch(/^lesson\.ipynb: malformed JSON at line 4, column 3/);
  });

  it("reports a truncated file at its end", () => {
    expect(problemOf('{"nbformat": 4, "cells": [')).toMatch(/malformed JSON at line 1, column 27/);
  });

  it("rejects a wrong nbformat and names what came", () => {
    expect(problemOf(JSON.stringify({ ...notebook([]), nbformat: 3 }))).toContain('"nbformat" must be 4, got 3');
  });

  it("names the cell and the missing field", () => {
    const broken = notebook([cell("a", "1"), { cell_type: "code", id: "b", metadata: {}, source: "2", execution_count: null }]);
    expect(problemOf(JSON.stringify(broken))).toContain('cell 1 (code): missing "outputs" list');
  });

  it("requires ids in 4.5 and rejects duplicates", () => {
    const noId = notebook([{ cell_type: "markdown", metadata: {}, source: "# hi" }]);
    expect(problemOf(JSON.stringify(noId))).toContain('cell 0 (markdown): missing "id"');
    expect(problemOf(JSON.stringify(notebook([cell("x", "1"), cell("x", "2")])))).toContain('cell 1: duplicate cell id "x"');
  });

  it("gives a 4.4 notebook unique cell ids and makes it 4.5", () => {
    const old = notebook([{ cell_type: "code", metadata: {}, source: "1", outputs: [], execution_count: null }, { cell_type: "markdown", metadata: {}, source: "x" }], 4);
    const nb = parseNotebook(JSON.stringify(old));
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.cells[0].id).toMatch(/^[0-9a-f]{8}$/);
    expect(nb.cells[1].id).not.toBe(nb.cells[0].id);
    expect(validateNotebook(nb)).toEqual([]);
  });

  it("rejects an unknown output type", () => {
    const bad = notebook([{ ...cell("a", "1"), outputs: [{ output_type: "picture" }] }]);
    expect(problemOf(JSON.stringify(bad))).toContain('cell 0 output 0: unknown output_type "picture"');
  });
});

describe("jsonErrorOffset", () => {
  it("is -1 for valid JSON and points at the first bad character otherwise", () => {
    expect(jsonErrorOffset('{"a": [1, 2.5e3, true, null, "x\\"y"]}')).toBe(-1);
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
  });
});

describe("serializeNotebook", () => {
  it("writes sorted keys, indent 1, sources as lines, and reads back the same", () => {
    const nb = parseNotebook(JSON.stringify(notebook([cell("a", "x = 1\ny = 2")])));
    const text = serializeNotebook(nb);
    expect(text).toContain('   "source": [\n    "x = 1\\n",\n    "y = 2"\n   ]');
    expect(text.indexOf('"cell_type"')).toBeLessThan(text.indexOf('"source"'));
    expect(parseNotebook(text).cells[0].source).toEqual(["x = 1\n", "y = 2"]);
  });

  it("splits text like Jupyter", () => {
    expect(splitLines("a\nb\n")).toEqual(["a\n", "b\n"]);
    expect(splitLines("")).toEqual([]);
  });

  it("clearOutputs drops outputs and counts without touching the input", () => {
    const nb = parseNotebook(JSON.stringify(notebook([{ ...cell("a", "1"), execution_count: 3, outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }] }])));
    const cleared = clearOutputs(nb);
    expect(cleared.cells[0]).toMatchObject({ outputs: [], execution_count: null });
    expect(nb.cells[0]).toMatchObject({ execution_count: 3 });
  });
});
