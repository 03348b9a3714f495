// Runs a graded notebook: grading-mode prelude first, every cell even after errors, and replay after a kernel dies.
//
// A cell that times out or kills the kernel (process.exit, out of memory, a crash) is recorded as such,
// then the notebook runs again in a fresh kernel without that cell, so the other answers still count.
// Two clocks: kernel start and the prelude are the grader's own work and get `infraTimeoutMs`, never the
// student's `cellTimeoutMs`; the notebook's own cells share `budgetMs` across every replay. Cell limits and
// budgets are counted in the kernel's CPU seconds where it can be measured (see WALL_FACTOR).
// Text from a cell that ran at or after a cell holding hidden tests is marked `withheld`: student code may
// have watched those tests run, so nothing it could have written (error text, output) may reach the student.

import * as path from "node:path";
import { executeNotebook, CellResult } from "../notebook/execute";
import type { JupyterServer } from "../notebook/server";
import type { StartedKernel } from "../notebook/started-kernel";
import type { CodeCell, Notebook as NbNotebook, Output } from "../notebook/nbformat";
import { Cell, Notebook, cloneNotebook, sourceOf } from "./cells";
import { CellRun } from "./score";
import { PROJECT_ROOT } from "../project-root";
import { BEGIN_HIDDEN, hasMarker } from "./markers";

export const PRELUDE_ID = "backprop-lab-grading-prelude";

/** Kernel start and prelude under a busy machine: generous, because running out means "not graded", not a zero. */
export const DEFAULT_INFRA_TIMEOUT_MS = 180_000;

/**
 * Cell limits and budgets count the kernel's CPU time, so a busy machine grades like a quiet one; a cell is
 * still stopped after this many times its limit in wall time (it sleeps, waits, or the machine starves it).
 */
export const WALL_FACTOR = 10;

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
  /** Limit for each of the notebook's own cells (answers, tests). */
  cellTimeoutMs: number;
  /** Limit for kernel start and for the prelude, the grader's own work (default DEFAULT_INFRA_TIMEOUT_MS). */
  infraTimeoutMs?: number;
  /** Time the notebook's own cells may take in all, replays included (default: no limit beyond the restarts). */
  budgetMs?: number;
  /** Says in messages whose budget budgetMs is ("the notebook's", "the student's"). */
  budgetName?: string;
  /** Source of the first cell; undefined runs without one (instructor checks). */
  prelude?: string;
  /** Fresh kernels allowed after deaths/timeouts (default 4). */
  maxRestarts?: number;
  /** Called before every kernel start: resets the working folder, so nothing a cell wrote survives into a replay. */
  prepare?: () => void;
  /** Nothing in the notebook is a student's (assign --check, validate): keep every message, hidden tests or not. */
  trustedCode?: boolean;
  /** A kernel started ahead in a folder already prepared, prelude run: the first run uses it (a replay always starts afresh). */
  takeStartedKernel?: () => Promise<StartedKernel | undefined>;
}

export interface GradeRunResult {
  runs: Map<string, CellRun>;
  /** Outputs of cells whose text may be shown (as they were when the cell finished); withheld cells have none. */
  outputs: Map<string, Output[]>;
  restarts: number;
  /** Seconds charged to the notebook's own cells, replays included (what budgets count; CPU seconds where measured). */
  spentSeconds: number;
  /** The run could not happen at all (kernel would not start, the prelude failed): the grader's failure, not the student's. */
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
  const infraTimeoutMs = options.infraTimeoutMs ?? DEFAULT_INFRA_TIMEOUT_MS;
  const budgetMs = options.budgetMs ?? Infinity;
  const budgetText = `${options.budgetName ?? "the notebook's"} time budget of ${Math.round(budgetMs / 100) / 10} s`;
  const holdsHidden = (cell: Cell) => !options.trustedCode && hasMarker(sourceOf(cell), BEGIN_HIDDEN);
  const hidden = new Set(notebook.cells.filter(holdsHidden).map((cell) => cell.id ?? ""));
  let spentMs = 0;
  let restarts = 0;
  const result = (infraError?: string): GradeRunResult => ({ runs, outputs, restarts, spentSeconds: spentMs / 1000, infraError });

  if (budgetMs <= 0) {
    // Nothing left to spend (a student whose earlier notebooks used it all): no kernel, every cell unrun.
    for (const cell of notebook.cells) if (cell.cell_type === "code") runs.set(cell.id ?? "", { status: "skipped", reason: `${budgetText} was used up before it` });
    return result();
  }
  for (;;) {
    // The kernel started ahead has run the prelude already; without one (and for every replay) a fresh folder and kernel.
    const kernel = restarts === 0 ? await options.takeStartedKernel?.() : undefined;
    const nb = cloneNotebook(notebook);
    nb.cells = nb.cells.filter((cell) => !skip.has(cell.id ?? ""));
    if (options.prelude !== undefined && kernel === undefined) {
      const prelude: Cell = { cell_type: "code", id: PRELUDE_ID, source: options.prelude, metadata: {}, outputs: [], execution_count: null };
      nb.cells.unshift(prelude);
    }
    const timeouts = new Map<string, number>();
    const finished = new Map<string, Output[]>();
    let hiddenRan = false;
    // Decided as each cell starts, so a replay gets only what is left of the budget.
    const cellTimeoutFor = (cell: CodeCell): number => {
      if (cell.id === PRELUDE_ID) return infraTimeoutMs;
      if (hidden.has(cell.id)) hiddenRan = true;
      const limit = Math.max(1, Math.min(options.cellTimeoutMs, budgetMs - spentMs));
      timeouts.set(cell.id, limit);
      return limit;
    };
    const withheld = new Set<string>();
    const onCell = (cell: CellResult, executed: { outputs?: Output[] }): void => {
      if (cell.id === PRELUDE_ID || cell.status === "skipped") return;
      // A timeout is charged its limit, not the interrupt and restart that followed (the grader's time).
      spentMs += cell.status === "timeout" ? (timeouts.get(cell.id) ?? 0) : (cell.cpuSeconds ?? cell.seconds) * 1000;
      if (hiddenRan) withheld.add(cell.id);
      // Copied now: a later cell could still rewrite this one's display through its display id.
      else finished.set(cell.id, structuredClone(executed.outputs ?? []));
    };
    let executed;
    try {
      if (!kernel) options.prepare?.();
      executed = await executeNotebook(server, nb, {
        kernel,
        kernelName: options.kernelName,
        cwd: options.cwd,
        cellTimeoutMs: options.cellTimeoutMs,
        cellTimeoutFor,
        startTimeoutMs: infraTimeoutMs,
        requestTimeoutMs: Math.min(60_000, infraTimeoutMs),
        cpuClock: true,
        wallFactor: WALL_FACTOR,
        continueOnError: true,
        interruptGraceMs: 1000,
        onCell: (cellResult, cell) => onCell(cellResult, cell as { outputs?: Output[] }),
      });
    } catch (error) {
      return result((error as Error).message);
    }
    const budgetGone = spentMs >= budgetMs;
    for (const cell of executed.cells) {
      if (cell.id === PRELUDE_ID) {
        if (cell.status !== "ok") return result(`the grading prelude failed: ${cell.ename}: ${cell.evalue}`);
        continue;
      }
      const run = toRun(cell);
      const cellOutputs = finished.get(cell.id) ?? [];
      // Only a number in [0, points] is taken from the result (partial credit), so a withheld cell's is read too.
      if (run.status === "ok") run.result = resultText(withheld.has(cell.id) ? executedOutputs(executed.notebook, cell.id) : cellOutputs);
      if (withheld.has(cell.id)) run.withheld = true;
      if (run.status === "timeout" && (timeouts.get(cell.id) ?? Infinity) < options.cellTimeoutMs) run.reason = `${budgetText} ran out in this cell`;
      if (run.status === "skipped" && budgetGone) run.reason = `${budgetText} was used up before it`;
      runs.set(cell.id, run);
      outputs.set(cell.id, cellOutputs);
    }
    const stopper = executed.cells.find((cell) => cell.status === "timeout" || cell.status === "abort");
    if (stopper === undefined || stopper.id === PRELUDE_ID || restarts >= maxRestarts || budgetGone) break;
    skip.add(stopper.id);
    restarts++;
  }
  return result();
}

/** The execute_result of a withheld cell is still needed for its score (a number is all partialCredit accepts). */
function executedOutputs(notebook: Notebook, id: string): Output[] {
  const cell = notebook.cells.find((c) => c.id === id);
  return cell && cell.cell_type === "code" ? cell.outputs : [];
}
