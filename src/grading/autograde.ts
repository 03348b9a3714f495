// Grades a folder of submissions (one folder per student): parallel workers, resume, shards, gradebook, feedback.
//
// Each worker owns a private Jupyter server whose only kernel is the grading kernel (kernelspec.ts), with
// its own runtime folder, and grades one student at a time, one notebook at a time, each in a fresh kernel
// working in a scratch folder that holds only that student's notebook. Every student's result is written
// to results/<student>.json as soon as it is done, with a hash of its inputs: a rerun skips students whose
// result exists and whose submission, course and options are unchanged.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { startJupyterServer, JupyterServer } from "../notebook/server";
import { Course } from "./course";
import { StudentResult, readResults, resultPath, writeGradebook, writeResult } from "./gradebook";
import { writeFeedback } from "./feedback";
import { gradeNotebook } from "./grade-notebook";
import { sandboxModeOf, warmCompileCache } from "./kernelspec";
import { SandboxMode, sandboxUnavailable } from "./sandbox";
import { setUpGradingWorker } from "./worker-setup";
import { progressBar } from "./progress";
import { preludeSource } from "./run";

/** Bumped when grading rules change, so old results are not reused. */
export const GRADER_VERSION = "1";

export interface AutogradeOptions {
  submissions: string;
  course: Course;
  out: string;
  jobs: number;
  shard?: { index: number; count: number };
  timeoutSec: number;
  memoryMb: number;
  showHidden: boolean;
  /** How kernels are confined (sandbox.ts): "os" (default; true), "node" (permission model only) or "off" (false). */
  sandbox?: boolean | SandboxMode;
  /** Called with one line per finished student (the command prints it when there is no progress bar). */
  log?: (line: string) => void;
}

export interface AutogradeSummary {
  graded: string[];
  skipped: string[];
  results: StudentResult[];
  seconds: number;
  gradebook: { csv: string; json: string };
}

/** Student folder names, sorted; a shard takes every count-th one starting at index. */
export function listStudents(submissions: string, shard?: { index: number; count: number }): string[] {
  if (!fs.existsSync(submissions) || !fs.statSync(submissions).isDirectory()) throw new Error(`${submissions}: not a folder of student folders`);
  const all = fs
    .readdirSync(submissions, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
  return shard ? all.filter((_, i) => i % shard.count === shard.index - 1) : all;
}

function hashFolder(dir: string, hash: ReturnType<typeof createHash>): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashFolder(full, hash);
    else if (entry.isFile()) hash.update(entry.name).update("\0").update(fs.readFileSync(full)).update("\0");
  }
}

export function inputHash(options: AutogradeOptions, student: string): string {
  const hash = createHash("sha256");
  hash.update(`${GRADER_VERSION}|${options.course.hash}|${options.timeoutSec}|${options.memoryMb}|${options.showHidden}|${sandboxModeOf(options.sandbox)}|`);
  hashFolder(path.join(options.submissions, student), hash);
  return hash.digest("hex");
}

function isFinished(options: AutogradeOptions, student: string, hash: string): boolean {
  try {
    const previous = JSON.parse(fs.readFileSync(resultPath(options.out, student), "utf8")) as StudentResult;
    return previous.inputHash === hash && previous.notebooks.every((notebook) => notebook.infraError === undefined);
  } catch {
    return false;
  }
}

interface Worker {
  server?: JupyterServer;
  kernelName: string;
  scratchRoot: string;
  serverEnv: NodeJS.ProcessEnv;
  cleanup(): void;
}

async function serverOf(worker: Worker): Promise<JupyterServer> {
  if (!worker.server) {
    worker.server = await startJupyterServer({ rootDir: worker.scratchRoot, env: worker.serverEnv });
  }
  return worker.server;
}

async function gradeStudent(worker: Worker, student: string, hash: string, options: AutogradeOptions, compileCache: string | undefined): Promise<StudentResult> {
  const started = Date.now();
  const result: StudentResult = { student, inputHash: hash, notebooks: [], seconds: 0 };
  const folder = path.join(options.submissions, student);
  for (const notebook of options.course.notebooks) {
    const file = path.join(folder, notebook.name);
    try {
      const server = await serverOf(worker);
      result.notebooks.push(
        await gradeNotebook(student, fs.existsSync(file) ? file : undefined, notebook, {
          server,
          kernelName: worker.kernelName,
          scratchDir: path.join(worker.scratchRoot, "work"),
          cellTimeoutMs: options.timeoutSec * 1000,
          prelude: preludeSource(),
          showHidden: options.showHidden,
          compileCache,
        }),
      );
    } catch (error) {
      // One broken submission (or a grader bug it triggers) never stops the batch.
      const message = `not graded: ${(error as Error).message}`;
      result.notebooks.push({ notebook: notebook.name, rows: [], notes: [message], feedback: [], seconds: 0, infraError: message });
    }
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

export async function autograde(options: AutogradeOptions): Promise<AutogradeSummary> {
  const started = Date.now();
  const students = listStudents(options.submissions, options.shard);
  const todo: { student: string; hash: string }[] = [];
  const skipped: string[] = [];
  for (const student of students) {
    const hash = inputHash(options, student);
    if (isFinished(options, student, hash)) skipped.push(student);
    else todo.push({ student, hash });
  }
  const jobs = Math.max(1, Math.min(options.jobs, todo.length || 1));
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "backprop-grade-"));
  const compileCache = sandboxModeOf(options.sandbox) !== "off" ? path.join(base, "tsx-cache") : undefined;
  // Never a silently weaker sandbox: without namespaces, say so and let the instructor choose --sandbox node.
  const unavailable = todo.length > 0 && sandboxModeOf(options.sandbox) === "os" ? sandboxUnavailable(base) : undefined;
  if (unavailable !== undefined) {
    fs.rmSync(base, { recursive: true, force: true });
    throw new Error(`${unavailable}. Run as root on Linux, or grade with --sandbox node (Node's permission model only: no network or signal boundary) or --sandbox off, knowingly.`);
  }
  if (todo.length > 0 && compileCache) warmCompileCache(compileCache);
  const workers: Worker[] = [];
  for (let i = 0; i < jobs; i++) {
    const root = path.join(base, `w${i}`);
    workers.push(setUpGradingWorker(root, options.memoryMb, options.sandbox));
  }
  const progress = progressBar(todo.length);
  const graded: string[] = [];
  let next = 0;
  const loop = async (worker: Worker): Promise<void> => {
    while (next < todo.length) {
      const { student, hash } = todo[next++];
      const result = await gradeStudent(worker, student, hash, options, compileCache);
      writeResult(options.out, result);
      graded.push(student);
      const rows = result.notebooks.flatMap((n) => n.rows);
      const points = rows.reduce((sum, row) => sum + (row.points ?? 0), 0);
      const max = rows.reduce((sum, row) => sum + row.max, 0);
      const line = `${student}: ${Math.round(points * 100) / 100}/${max} (${result.seconds.toFixed(1)} s)`;
      progress.tick(line);
      options.log?.(line);
    }
  };
  try {
    await Promise.all(workers.map(loop));
  } finally {
    progress.done();
    await Promise.all(workers.map((worker) => worker.server?.stop()));
    for (const worker of workers) worker.cleanup();
    fs.rmSync(base, { recursive: true, force: true });
  }
  const wanted = new Set(students);
  const results = readResults(options.out).filter((result) => wanted.has(result.student));
  const gradebook = writeGradebook(options.out, results);
  writeFeedback(options.out, results);
  return { graded, skipped, results, seconds: (Date.now() - started) / 1000, gradebook };
}
