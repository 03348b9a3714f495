// Runs a graded notebook: grading-mode prelude first, every cell even after errors, and replay after a kernel dies.
//
// A cell that times out or kills the kernel (process.exit, out of memory, a crash) is recorded as such,
// then the notebook runs again in a fresh kernel without that cell, so the other answers still count.

import * as path from "node:path";
import { executeNotebook, CellResult } from "../notebook/execute";
import type { JupyterServer } from "../notebook/server";
import type { Notebook as NbNotebook, Output } from "../notebook/nbformat";
import { Cell, Notebook, cloneNotebook } from "./cells";
import { CellRun } from "./score";
import { PROJECT_ROOT } from "./kernelspec";

export const PRELUDE_ID = "backprop-lab-grading-prelude";

/** The first cell of every graded run: load the module, then enter grading mode (lockdown.ts). */
export function preludeSource(root = PROJECT_ROOT): string {
  const lockdown = JSON.stringify(path.join(root, "src", "grading", "lockdown"));
  const pin = JSON.stringify([path.join(root, "src") + path.sep]);
  const except = JSON.stringify([path.join(root, "src", "kernel") + path.sep, path.join(root, "src", "grading") + path.sep]);
  return [
    "// Grading mode, added by backprop-lab autograde: load the module, then freeze built-ins and guard process.",
    'import * as backpropLab$grading from "backprop-lab";',
    `(require(${lockdown}) as { lockdownForGrading(pin: string[], except: string[]): unknown }).lockdownForGrading(${pin}, ${except});`,
    "",
  ].join("\n");
}

export interface GradeRunOptions {
  kernelName: string;
  /** Kernel working directory (absolute, under the server root). */
  cwd: string;
  cellTimeoutMs: number;
  /** Source of the first cell; undefined runs without one (instructor checks). */
  prelude?: string;
  /** Fresh kernels allowed after deaths/timeouts (default 4). */
  maxRestarts?: number;
  /** Called before every kernel start: resets the working folder, so nothing a cell wrote survives into a replay. */
  prepare?: () => void;
}

export interface GradeRunResult {
  runs: Map<string, CellRun>;
  outputs: Map<string, Output[]>;
  restarts: number;
  /** The run could not happen at all (kernel would not start, the prelude failed). */
  infraError?: string;
}

function toRun(result: CellResult): CellRun {
  const base = { ename: result.ename, evalue: result.evalue, seconds: result.seconds };
  if (result.status === "abort" && result.ename === "DeadKernelError") return { status: "died", ...base };
  return { status: result.status, ...base };
}

function resultText(outputs: Output[]): string | undefined {
  for (const output of outputs) {
    if (output.output_type !== "execute_result") continue;
    const text = output.data["text/plain"];
    return Array.isArray(text) ? text.join("") : typeof text === "string" ? text : undefined;
  }
  return undefined;
}

export async function runForGrading(server: JupyterServer, notebook: Notebook, options: GradeRunOptions): Promise<GradeRunResult> {
  const runs = new Map<string, CellRun>();
  const outputs = new Map<string, Output[]>();
  const skip = new Set<string>();
  const maxRestarts = options.maxRestarts ?? 4;
  let restarts = 0;
  for (;;) {
    const nb = cloneNotebook(notebook);
    nb.cells = nb.cells.filter((cell) => !skip.has(cell.id ?? ""));
    if (options.prelude !== undefined) {
      const prelude: Cell = { cell_type: "code", id: PRELUDE_ID, source: options.prelude, metadata: {}, outputs: [], execution_count: null };
      nb.cells.unshift(prelude);
    }
    let result;
    try {
      options.prepare?.();
      result = await executeNotebook(server, nb as unknown as NbNotebook, {
        kernelName: options.kernelName,
        cwd: options.cwd,
        cellTimeoutMs: options.cellTimeoutMs,
        continueOnError: true,
        interruptGraceMs: 1000,
      });
    } catch (error) {
      return { runs, outputs, restarts, infraError: (error as Error).message };
    }
    const executed = new Map(result.notebook.cells.map((cell) => [cell.id, cell]));
    for (const cell of result.cells) {
      if (cell.id === PRELUDE_ID) {
        if (cell.status !== "ok") return { runs, outputs, restarts, infraError: `the grading prelude failed: ${cell.ename}: ${cell.evalue}` };
        continue;
      }
      const run = toRun(cell);
      const out = executed.get(cell.id);
      const cellOutputs = out && out.cell_type === "code" ? out.outputs : [];
      if (run.status === "ok") run.result = resultText(cellOutputs);
      runs.set(cell.id, run);
      outputs.set(cell.id, cellOutputs);
    }
    const stopper = result.cells.find((cell) => cell.status === "timeout" || cell.status === "abort");
    if (stopper === undefined || stopper.id === PRELUDE_ID || restarts >= maxRestarts) break;
    skip.add(stopper.id);
    restarts++;
  }
  return { runs, outputs, restarts };
}
