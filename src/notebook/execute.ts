// Executes one notebook top to bottom in a fresh kernel on a Jupyter server and collects its outputs, as nbclient does.
//
// API (also used by grading):
//   await withJupyterServer({ rootDir }, async (server) => {
//     const result = await executeNotebook(server, readNotebook(file), { cwd: path.dirname(file), cellTimeoutMs: 60_000 });
//     result.ok; result.notebook (executed, outputs filled); result.cells[i].status; result.firstFailure
//   });
// Cell statuses: ok, error (raised; `expectedError` when tagged raises-exception, which does not stop the run),
// timeout (interrupted, kernel restarted, run stopped), abort (the kernel aborted it or died), skipped (after a failure).
// Problems before any cell runs (unknown kernel, kernel that never starts, cwd outside the server root) throw a RunnerError.
import { KernelMessage } from "@jupyterlab/services";
import { KernelConnection } from "@jupyterlab/services/lib/kernel/default";
import { Cell, CodeCell, Notebook, cellTags, clearOutputs, joinSource } from "./nbformat";
import { OutputCollector } from "./output-collector";
import type { JupyterServer } from "./server";
import { cpuSeconds, findKernelPid } from "./process-clock";
import { DEFAULT_KERNEL, StartedKernel, startKernel, withTimeout } from "./started-kernel";

export { DEFAULT_KERNEL, RunnerError, shutdownActiveKernels } from "./started-kernel";

export type CellStatus = "ok" | "error" | "abort" | "timeout" | "skipped";

export interface CellResult {
  /** Index among all cells of the notebook (markdown included), as Jupyter shows it. */
  index: number;
  id: string;
  status: CellStatus;
  /** The cell raised and is tagged raises-exception, so the run went on. */
  expectedError?: boolean;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  executionCount?: number | null;
  seconds: number;
  /** CPU seconds the kernel used for this cell, when measured (cpuClock). */
  cpuSeconds?: number;
}

export interface NotebookResult {
  /** The executed notebook: a copy of the input with fresh outputs and execution counts. */
  notebook: Notebook;
  /** One entry per code cell, in order. */
  cells: CellResult[];
  ok: boolean;
  firstFailure?: CellResult;
  /** Code cells that were sent to the kernel. */
  cellsRun: number;
  kernelName: string;
  seconds: number;
}

export interface ExecuteOptions {
  /** Kernelspec name; default the notebook's metadata.kernelspec.name, else "backprop-lab". */
  kernelName?: string;
  /** Kernel working directory: absolute (must lie under the server's root) or relative to the server root. */
  cwd?: string;
  /** Per-cell limit; default 120 s. */
  cellTimeoutMs?: number;
  /** Per-cell limit decided just before each cell runs (the grader: its own prelude, time budgets); overrides cellTimeoutMs. */
  cellTimeoutFor?: (cell: CodeCell, index: number) => number;
  /** Limit on every request to the server or kernel other than running a cell (spec list, start, interrupt, restart, shutdown); default 60 s. */
  requestTimeoutMs?: number;
  /**
   * Count cell limits in the kernel process's CPU time, so a busy machine does not turn an honest cell into a
   * timeout; a cell is still stopped after `wallFactor` times its limit in wall time (one that waits, sleeps or
   * is starved). Needs a kernel on this machine (Linux /proc); otherwise limits stay in wall time. Default false.
   */
  cpuClock?: boolean;
  /** Wall-time cap of a cell under cpuClock, as a multiple of its limit; default 10. */
  wallFactor?: number;
  /** Limit for the kernel to start and answer kernel_info; default 180 s (a kernel that dies fails at once). */
  startTimeoutMs?: number;
  /** After a timeout's interrupt, how long the cell gets to stop before the kernel is restarted; default 3 s. */
  interruptGraceMs?: number;
  /** Called after each code cell (also for skipped ones). */
  onCell?: (result: CellResult, cell: Cell) => void;
  /** Run on after a cell raises (nbclient's allow_errors; the grader needs every test cell run). Timeouts and dead kernels still stop the run. */
  continueOnError?: boolean;
  /** A kernel already started for this run (started-kernel.ts), instead of a fresh one; it is shut down at the end all the same. */
  kernel?: StartedKernel;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function executeNotebook(server: JupyterServer, input: Notebook, opts: ExecuteOptions = {}): Promise<NotebookResult> {
  const started = Date.now();
  const notebook = clearOutputs(input);
  const kernelName = opts.kernelName ?? notebook.metadata.kernelspec?.name ?? DEFAULT_KERNEL;
  const cellTimeoutMs = opts.cellTimeoutMs ?? 120_000;
  const startTimeoutMs = opts.startTimeoutMs ?? 180_000;
  // A server or kernel that goes silent (stopped, wedged) must never hang the caller: every request has a deadline.
  const requestTimeoutMs = opts.requestTimeoutMs ?? 60_000;
  const kernel = opts.kernel ?? (await startKernel(server, { kernelName, cwd: opts.cwd, startTimeoutMs, requestTimeoutMs }));
  const { connection, collector, died } = kernel;

  const cells: CellResult[] = [];
  let sent = 0;
  let failure: CellResult | undefined;
  let firstError: CellResult | undefined; // with continueOnError: the first raising cell, which did not stop the run
  try {
    const pid = opts.cpuClock ? findKernelPid(kernel.id) : undefined;
    const clock: CellClock = { cpu: pid === undefined ? undefined : () => cpuSeconds(pid), wallFactor: opts.wallFactor ?? 10 };

    for (let index = 0; index < notebook.cells.length; index++) {
      const cell = notebook.cells[index];
      if (cell.cell_type !== "code") continue;
      const code = joinSource(cell.source);
      let result: CellResult;
      if (failure) {
        result = { index, id: cell.id, status: "skipped", seconds: 0 };
      } else if (code.trim() === "") {
        result = { index, id: cell.id, status: "ok", seconds: 0, executionCount: null }; // Jupyter does not run empty cells
      } else {
        sent++;
        const timeoutMs = opts.cellTimeoutFor?.(cell, index) ?? cellTimeoutMs;
        result = await runCell(connection, collector, cell, index, code, timeoutMs, opts.interruptGraceMs ?? 3000, died, requestTimeoutMs, clock);
        if (result.status === "error" && cellTags(cell).includes("raises-exception")) result.expectedError = true;
        else if (result.status === "error" && opts.continueOnError) firstError ??= result;
        else if (result.status !== "ok") failure = result;
      }
      cells.push(result);
      opts.onCell?.(result, cell);
    }
  } finally {
    // Fresh kernel per notebook: always shut this one down, even after a timeout or a dead kernel.
    await kernel.shutdown();
  }
  return {
    notebook,
    cells,
    ok: failure === undefined && firstError === undefined,
    firstFailure: failure ?? firstError,
    cellsRun: sent,
    kernelName,
    seconds: (Date.now() - started) / 1000,
  };
}

/** How a cell's limit is measured: the kernel's CPU seconds (with a wall cap), or wall time when cpu is undefined. */
interface CellClock {
  cpu?: () => number | undefined;
  wallFactor: number;
}

async function runCell(
  kernel: KernelConnection,
  collector: OutputCollector,
  cell: CodeCell,
  index: number,
  code: string,
  timeoutMs: number,
  graceMs: number,
  died: () => string | undefined,
  requestTimeoutMs: number,
  clock: CellClock,
): Promise<CellResult> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const cpuAtStart = clock.cpu?.();
  const cpuUsed = (): number | undefined => {
    const now = clock.cpu?.();
    return now === undefined || cpuAtStart === undefined ? undefined : now - cpuAtStart;
  };
  const future = kernel.requestExecute({ code, silent: false, store_history: true, allow_stdin: false, stop_on_error: true }, true);
  collector.expect(future.msg.header.msg_id, cell);

  type Outcome = { kind: "reply"; reply: KernelMessage.IExecuteReplyMsg } | { kind: "timeout" } | { kind: "died"; why: string };
  let timer: NodeJS.Timeout | undefined;
  let watcher: NodeJS.Timeout | undefined;
  const outcome = await Promise.race<Outcome>([
    future.done.then(
      (reply) => ({ kind: "reply", reply }) as Outcome,
      (error) => ({ kind: "died", why: died() ?? `request failed: ${(error as Error).message}` }) as Outcome,
    ),
    new Promise<Outcome>((resolve) => {
      if (cpuAtStart === undefined) {
        timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
        return;
      }
      const check = (): void => {
        const cpu = cpuUsed();
        // A kernel that is gone has no CPU to count: the wall cap (or its death) ends the cell.
        if ((cpu !== undefined && cpu * 1000 >= timeoutMs) || Date.now() - started >= timeoutMs * clock.wallFactor) resolve({ kind: "timeout" });
        else timer = setTimeout(check, Math.min(100, timeoutMs));
      };
      timer = setTimeout(check, Math.min(100, timeoutMs));
    }),
    new Promise<Outcome>((resolve) => {
      watcher = setInterval(() => {
        const why = died();
        if (why) resolve({ kind: "died", why });
      }, 200);
    }),
  ]).finally(() => {
    clearTimeout(timer);
    clearInterval(watcher);
  });

  const cpu = cpuUsed();
  const base = { index, id: cell.id, executionCount: cell.execution_count, ...(cpu === undefined ? {} : { cpuSeconds: cpu }) };
  if (outcome.kind === "timeout") {
    // Interrupt first (a well-behaved kernel stops the cell); then restart so nothing keeps running either way.
    await withTimeout(kernel.interrupt(), requestTimeoutMs, "interrupt timed out").catch(() => undefined);
    await Promise.race([future.done.catch(() => undefined), sleep(graceMs)]);
    await withTimeout(kernel.restart(), Math.max(requestTimeoutMs, 30_000), "restart timed out").catch(() => undefined);
    const limit = `${Math.round(timeoutMs) / 1000} s`;
    const within = cpuAtStart === undefined ? limit : `${limit} of CPU time (or ${Math.round(timeoutMs * clock.wallFactor) / 1000} s of wall time)`;
    const evalue = `cell ${index} did not finish within ${within}; interrupted and restarted the kernel`;
    return { ...base, status: "timeout", ename: "CellTimeoutError", evalue, seconds: seconds() };
  }
  if (outcome.kind === "died") {
    return { ...base, status: "abort", ename: "DeadKernelError", evalue: outcome.why, seconds: seconds() };
  }
  const content = outcome.reply.content as { status: string; ename?: string; evalue?: string; traceback?: string[]; execution_count?: number };
  if (content.execution_count !== undefined && cell.execution_count === null) cell.execution_count = content.execution_count;
  base.executionCount = cell.execution_count;
  if (content.status === "ok") return { ...base, status: "ok", seconds: seconds() };
  if (content.status === "error") {
    // Prefer the reply's fields; fall back to the iopub error output (some kernels only fill one of them).
    const shown = cell.outputs.find((o) => o.output_type === "error");
    const ename = content.ename ?? (shown?.output_type === "error" ? shown.ename : undefined) ?? "Error";
    const evalue = content.evalue ?? (shown?.output_type === "error" ? shown.evalue : undefined) ?? "";
    const traceback = content.traceback ?? (shown?.output_type === "error" ? shown.traceback : undefined) ?? [];
    return { ...base, status: "error", ename, evalue, traceback, seconds: seconds() };
  }
  return { ...base, status: "abort", ename: "Aborted", evalue: `the kernel replied "${content.status}"`, seconds: seconds() };
}
