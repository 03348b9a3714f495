// One grading worker: a private Jupyter server, replaced when it dies or goes silent, and notebooks graded with retries.
//
// A failure of ours (kernel would not start, prelude failed, server died or stopped answering) is retried with
// a backoff in a fresh server; after the last try the notebook is "not graded", never points.

import * as fs from "node:fs";
import * as path from "node:path";
import { answers, startJupyterServer, JupyterServer } from "../notebook/server";
import { CourseNotebook } from "./course";
import { NotebookResult } from "./gradebook";
import { GradeNotebookOptions, Submitted, gradeNotebook, notGraded } from "./grade-notebook";
import { WALL_FACTOR } from "./run";
import { KernelAhead, aheadKey, discardAhead, startAhead } from "./kernel-ahead";
import type { StartedKernel } from "../notebook/started-kernel";

export interface Worker {
  server?: JupyterServer;
  kernelName: string;
  scratchRoot: string;
  /** Environment of the worker's Jupyter server (worker-setup.ts: kernelspec path, runtime folder, ipc config). */
  serverEnv: NodeJS.ProcessEnv;
  /** Removes what the worker's setup made outside its folder. */
  cleanup(): void;
  /** Attempts so far; each gets its own scratch folder, so an abandoned attempt cannot touch the next one's. */
  attempts: number;
  /** The kernel started for the worker's next notebook (kernel-ahead.ts), if any. */
  ahead?: KernelAhead;
  /** Kernels started ahead, and those a notebook then ran in. */
  pool: { started: number; used: number };
}

export interface RetryPolicy {
  /** Tries after the first (default 2). */
  retries: number;
  /** Wait before the first retry; doubled for each next one. */
  retryDelayMs: number;
  /** Kernel start and prelude, and how long the server may stay silent before it is given up. */
  infraTimeoutMs: number;
}

export type NotebookJob = Omit<GradeNotebookOptions, "server" | "kernelName" | "scratchDir" | "infraTimeoutMs"> & { budgetMs: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function serverOf(worker: Worker, startTimeoutMs: number): Promise<JupyterServer> {
  if (!worker.server) {
    // Starting the server is the grader's own work too: it gets the infrastructure limit, not a fixed minute.
    worker.server = await startJupyterServer({ rootDir: worker.scratchRoot, env: worker.serverEnv, startTimeoutMs });
  }
  return worker.server;
}

/** Stops the worker's server (a stopped or wedged one too) and its kernel ahead; the next attempt starts a fresh one. */
export async function dropServer(worker: Worker): Promise<void> {
  const server = worker.server;
  const ahead = worker.ahead;
  worker.server = undefined;
  worker.ahead = undefined;
  if (ahead) await discardAhead(ahead);
  await server?.stop().catch(() => undefined);
}

/**
 * Starts the kernel for this worker's next student-notebook now (once the worker has a server), in a folder
 * of its own prepared for it; gradeWithRetries takes it when that notebook comes. One kernel ahead per worker
 * makes the pool as large as --jobs.
 */
export function startNextKernel(worker: Worker, student: string, notebook: string, prepare: (scratchDir: string) => void, prelude: string, policy: RetryPolicy): void {
  if (!worker.server) return;
  const previous = worker.ahead;
  if (previous) void discardAhead(previous);
  const scratchDir = path.join(worker.scratchRoot, `work-${++worker.attempts}`);
  const key = aheadKey(student, notebook);
  worker.pool.started++;
  worker.ahead = startAhead(key, { server: worker.server, kernelName: worker.kernelName, scratchDir, prepare: () => prepare(scratchDir), prelude, infraTimeoutMs: policy.infraTimeoutMs });
}

/** The kernel of a pooled start, for the run that takes it (counted as used when it did start). */
async function takeKernel(worker: Worker, ahead: KernelAhead): Promise<StartedKernel | undefined> {
  const kernel = await ahead.kernel;
  if (kernel !== undefined) worker.pool.used++;
  return kernel;
}

/** The kernel started ahead for this student-notebook on the current server, taken out of the pool; any other is discarded. */
function takeAhead(worker: Worker, student: string, notebook: string): KernelAhead | undefined {
  const ahead = worker.ahead;
  if (!ahead) return undefined;
  worker.ahead = undefined;
  if (ahead.key === aheadKey(student, notebook) && ahead.server === worker.server) return ahead;
  void discardAhead(ahead);
  return undefined;
}

/**
 * Rejects when the server has not answered for `silentMs`, or when `deadlineMs` has passed: whatever a kernel
 * does to its server (SIGSTOP, SIGKILL), grading gives up on it instead of waiting forever.
 */
function watchdog(server: JupyterServer, silentMs: number, deadlineMs: number): { done: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const started = Date.now();
  const done = new Promise<never>((_, reject) => {
    let lastAnswer = Date.now();
    const probe = async (): Promise<void> => {
      if (cancelled) return;
      if (await answers(server.url, server.token, Math.min(5_000, silentMs))) lastAnswer = Date.now();
      if (cancelled) return;
      if (Date.now() - lastAnswer >= silentMs) return reject(new Error(`the worker's Jupyter server stopped answering for ${silentMs / 1000} s`));
      if (Date.now() - started >= deadlineMs) return reject(new Error(`grading this notebook passed its overall deadline of ${Math.round(deadlineMs / 1000)} s`));
      timer = setTimeout(() => void probe(), 2_000);
    };
    timer = setTimeout(() => void probe(), 2_000);
  });
  done.catch(() => undefined);
  return { done, cancel: () => ((cancelled = true), clearTimeout(timer)) };
}

/** Grades one notebook in this worker, retrying the grader's own failures; never throws. */
export async function gradeWithRetries(worker: Worker, student: string, submitted: Submitted, course: CourseNotebook, job: NotebookJob, policy: RetryPolicy, next?: () => void): Promise<NotebookResult> {
  const failures: string[] = [];
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (attempt > 0) await sleep(policy.retryDelayMs * 2 ** (attempt - 1));
    const ahead = attempt === 0 ? takeAhead(worker, student, course.name) : undefined;
    const scratchDir = ahead?.scratchDir ?? path.join(worker.scratchRoot, `work-${++worker.attempts}`);
    let guard: ReturnType<typeof watchdog> | undefined;
    let result: NotebookResult | undefined;
    try {
      const server = await serverOf(worker, policy.infraTimeoutMs);
      // This notebook's kernel is taken or on its way: the next notebook's may start now.
      if (attempt === 0) next?.();
      // Everything in a run is bounded (cells, budgets, each request); this is the last line if something is not.
      guard = watchdog(server, policy.infraTimeoutMs, WALL_FACTOR * job.budgetMs + 3 * policy.infraTimeoutMs + 60_000);
      const options: GradeNotebookOptions = { ...job, server, kernelName: worker.kernelName, scratchDir, infraTimeoutMs: policy.infraTimeoutMs, takeStartedKernel: ahead && (() => takeKernel(worker, ahead)) };
      result = await Promise.race([gradeNotebook(student, submitted, course, options), guard.done]);
      if (result.infraError !== undefined) failures.push(result.infraError);
    } catch (error) {
      // The server went silent, or a grader bug this submission triggered: ours either way.
      failures.push((error as Error).message);
    } finally {
      guard?.cancel();
    }
    // A kernel started ahead that this notebook did not use (a missing or broken submission) is shut down here.
    if (ahead) await discardAhead(ahead);
    fs.rmSync(scratchDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    if (result !== undefined && result.infraError === undefined) {
      if (failures.length > 0) result.notes.push(`graded on try ${attempt + 1} of ${policy.retries + 1}; the grader's earlier tries failed: ${failures.join("; ")}`);
      return result;
    }
    // After a failure the next try (or the next student) gets a fresh server: a dead or stopped one never lingers.
    await dropServer(worker);
  }
  const tries = policy.retries + 1;
  // One line: a server that did not start appends its log, which belongs in no gradebook row.
  const last = failures[failures.length - 1].split("\n")[0].trim();
  return notGraded(student, course, `${last} (${tries} ${tries === 1 ? "try" : "tries"})`);
}
