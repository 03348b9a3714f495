// Turns compile diagnostics and thrown values into Jupyter's ename / evalue / traceback.

import path from "path";
import { inspect } from "util";
import type { Diagnostic } from "./compiler";
import { PACKAGE_NAME, PROJECT_ROOT } from "./package-link";

/** Frames inside the backprop-lab module itself: the message names the op, its internals are noise. */
const MODULE_SOURCES = [path.join(PROJECT_ROOT, "src") + path.sep, path.join("node_modules", PACKAGE_NAME, "src") + path.sep];
const inModule = (frame: string) => MODULE_SOURCES.some((dir) => frame.includes(dir));

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

const FIRST_SEMANTIC_CODE = 2000; // TS1xxx are syntax errors, TS2xxx+ type errors

/** One traceback entry per diagnostic, with the cell's line:column, the line itself and a caret. */
export function compileError(diagnostics: Diagnostic[], code: string): ErrorContent {
  const lines = code.split("\n");
  const syntaxOnly = diagnostics.every((d) => d.code < FIRST_SEMANTIC_CODE);
  const where = (d: Diagnostic) => `${d.fileName ?? "cell"}:${d.start.line + 1}:${d.start.character + 1}`;
  const traceback: string[] = [];
  for (const d of diagnostics) {
    traceback.push(`${where(d)} - error TS${d.code}: ${d.messageText}`);
    const source = d.fileName ? undefined : lines[d.start.line];
    if (source !== undefined) {
      const width = Math.max(1, d.end.line === d.start.line ? d.end.character - d.start.character : 1);
      traceback.push(`    ${source}`, `    ${" ".repeat(d.start.character)}${"^".repeat(width)}`);
    }
  }
  const first = diagnostics[0];
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
  return {
    ename: syntaxOnly ? "SyntaxError" : "CompileError",
    evalue: `${where(first)} - ${first.messageText}${more}`,
    traceback,
  };
}

export const INTERRUPTED = Symbol.for("backprop-lab.interrupted");

export function interruptError(): ErrorContent {
  return { ename: "KeyboardInterrupt", evalue: "execution interrupted", traceback: ["KeyboardInterrupt: execution interrupted"] };
}

export function isInterrupt(error: unknown): boolean {
  return (
    error === INTERRUPTED ||
    (error instanceof Error && (error as NodeJS.ErrnoException).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED")
  );
}

/** The stack keeps user frames (cells, modules) and drops the kernel's and node's own frames. */
export interface CellSource {
  /** Compiled line (1-based) → the cell's own line, when known. */
  locate(line: number): number | undefined;
  code: string;
}

/** `<cell 3>:9:12` in compiled JavaScript becomes `<cell 3>:6` in the cell, with the line shown once. */
function relocate(frames: string[], cellMarker: string, cell: CellSource): string[] {
  const lines = cell.code.split("\n");
  const at = new RegExp(`${cellMarker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):\\d+`);
  let shown = false;
  const out: string[] = [];
  for (const frame of frames) {
    const m = at.exec(frame);
    if (!m) {
      out.push(frame);
      continue;
    }
    const line = cell.locate(Number(m[1]));
    out.push(frame.replace(at, line === undefined ? cellMarker : `${cellMarker}:${line}`));
    if (!shown && line !== undefined && lines[line - 1] !== undefined) {
      out.push(`        ${lines[line - 1].trim()}`);
      shown = true;
    }
  }
  return out;
}

export function runtimeError(error: unknown, cellMarker: string, wrapperLine = -1, cell?: CellSource): ErrorContent {
  if (isInterrupt(error)) return interruptError();
  if (!(error instanceof Error)) {
    const evalue = inspect(error);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  const ename = error.name || error.constructor?.name || "Error";
  const evalue = error.message ?? "";
  const wrapperCall = `${cellMarker}:${wrapperLine}:`;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line) && !line.includes(wrapperCall));
  const lastCellFrame = frames.map((f) => f.includes(cellMarker)).lastIndexOf(true);
  // Called from a cell, the stack is the cell's frames (and the learner's own files'); the module's
  // frames (`at fail (…/src/exercises/errors.ts)`) only stay when no cell frame is left to show.
  const kept = (lastCellFrame >= 0 ? frames.slice(0, lastCellFrame + 1) : frames).filter(
    (f) => !f.includes("node:internal") && !f.includes("/src/kernel/") && (lastCellFrame < 0 || !inModule(f)),
  );
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...(cell ? relocate(kept, cellMarker, cell) : kept)] };
}
