// The grader's kernel pool, one kernel per worker: the kernel for a worker's next notebook starts, and runs the
// grading prelude, while the current notebook runs, so a student-notebook does not wait for a kernel (start,
// sandbox entry, compiler warm-up and prelude are most of a short notebook's time). Each kernel is started for
// one named student-notebook, in that notebook's own prepared folder, and serves that notebook only: a kernel
// never sees two students' code, and it has run nothing but the grader's prelude before the student's cells.

import * as fs from "node:fs";
import type { JupyterServer } from "../notebook/server";
import { StartedKernel, startKernel, withTimeout } from "../notebook/started-kernel";

export interface KernelAhead {
  /** The student-notebook it was started for (see aheadKey). */
  key: string;
  server: JupyterServer;
  scratchDir: string;
  /** Settles, prelude run, to the kernel; or to undefined when it could not start: the notebook then starts its own, as without a pool. */
  kernel: Promise<StartedKernel | undefined>;
}

export function aheadKey(student: string, notebook: string): string {
  return `${student}\0${notebook}`;
}

export interface AheadStart {
  server: JupyterServer;
  kernelName: string;
  scratchDir: string;
  /** Fills scratchDir before the kernel starts in it (the notebook's file, the compile cache). */
  prepare: () => void;
  /** The grading prelude (run.ts), run as the kernel's first cell. */
  prelude: string;
  /** Limit for the start and for the prelude, each. */
  infraTimeoutMs: number;
}

/** Runs the prelude as the kernel's first cell; throws unless it finished ok within the limit. */
async function runPrelude(kernel: StartedKernel, prelude: string, timeoutMs: number): Promise<void> {
  const future = kernel.connection.requestExecute({ code: prelude, silent: false, store_history: true, allow_stdin: false, stop_on_error: true }, true);
  const reply = await withTimeout(future.done, timeoutMs, `the grading prelude did not finish within ${timeoutMs / 1000} s`);
  if (reply.content.status !== "ok") throw new Error(`the grading prelude failed: ${JSON.stringify(reply.content).slice(0, 300)}`);
}

async function startWithPrelude(start: AheadStart): Promise<StartedKernel> {
  const kernel = await startKernel(start.server, {
    kernelName: start.kernelName,
    cwd: start.scratchDir,
    startTimeoutMs: start.infraTimeoutMs,
    requestTimeoutMs: Math.min(60_000, start.infraTimeoutMs),
  });
  try {
    await runPrelude(kernel, start.prelude, start.infraTimeoutMs);
    return kernel;
  } catch (error) {
    await kernel.shutdown();
    throw error;
  }
}

export function startAhead(key: string, start: AheadStart): KernelAhead {
  start.prepare();
  // A kernel that cannot start ahead is no failure yet: the notebook starts its own and reports what goes wrong.
  const kernel = startWithPrelude(start).catch(() => undefined);
  return { key, server: start.server, scratchDir: start.scratchDir, kernel };
}

/** Shuts an unused (or used: shutting down twice is harmless) kernel down and removes its folder. */
export async function discardAhead(ahead: KernelAhead): Promise<void> {
  await (await ahead.kernel)?.shutdown();
  fs.rmSync(ahead.scratchDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
