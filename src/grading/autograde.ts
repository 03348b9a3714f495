// Grades a folder of submissions (one folder per student): parallel workers, resume, shards, gradebook, feedback.
//
// Each worker owns a private Jupyter server whose only kernel is the grading kernel (kernelspec.ts), with
// its own runtime folder, and grades one student at a time, one notebook at a time, each in a fresh kernel
// working in a scratch folder that holds only that student's notebook (worker.ts: retries, server watchdog).
// While a notebook runs, the worker starts the kernel for its next one (kernel-ahead.ts: a pool of --jobs kernels).
// Every student's result is written to results/<student>.json as soon as it is done, with a hash of its
// inputs: a rerun skips students whose result exists, was fully graded, and whose submission, course and
// options are unchanged. Submissions are read by submission.ts only (regular files, size caps).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { Course } from "./course";
import { StudentResult, readResults, resultPath, writeGradebook, writeResult } from "./gradebook";
import { writeFeedback } from "./feedback";
import { sandboxModeOf, warmCompileCache } from "./kernelspec";
import { SandboxMode, sandboxUnavailable } from "./sandbox";
import { setUpGradingWorker } from "./worker-setup";
import { progressBar } from "./progress";
import { DEFAULT_INFRA_TIMEOUT_MS, preludeSource } from "./run";
import { DEFAULT_LIMITS, Submission, SubmissionLimits, readSubmission, refuseStudentFolder } from "./submission";
import { Worker, dropServer, gradeWithRetries, startNextKernel } from "./worker";
import { prepareWorkFolder } from "./grade-notebook";
import { keepHandGrades } from "./written-answers";

/** Bumped when grading rules change, so old results are not reused. */
export const GRADER_VERSION = "2";

/** Default time budgets, derived from --timeout: a notebook's cells may take this many per-cell timeouts in all. */
export const NOTEBOOK_BUDGET_TIMEOUTS = 4;

export interface AutogradeOptions {
  submissions: string;
  course: Course;
  out: string;
  jobs: number;
  shard?: { index: number; count: number };
  timeoutSec: number;
  memoryMb: number;
  showHidden: boolean;
  /** What one notebook's own cells may take in all, replays included (default NOTEBOOK_BUDGET_TIMEOUTS × timeoutSec). */
  notebookBudgetSec?: number;
  /** What one student's notebooks may take in all (default: the notebook budget × the number of notebooks). */
  studentBudgetSec?: number;
  /** Kernel start and the grading prelude, the grader's own work (default 180 s; never the student's --timeout). */
  infraTimeoutSec?: number;
  /** Tries after the first when the grader itself fails (default 2), waiting retryDelaySec (default 5 s), doubled each time. */
  retries?: number;
  retryDelaySec?: number;
  /** Size caps on what is read from each student's folder (default DEFAULT_LIMITS). */
  limits?: SubmissionLimits;
  /** How kernels are confined (sandbox.ts): "os" (default; true), "node" (permission model only) or "off" (false). */
  sandbox?: boolean | SandboxMode;
  /** Called with one line per finished student (the command prints it when there is no progress bar). */
  log?: (line: string) => void;
}

export interface AutogradeSummary {
  graded: string[];
  skipped: string[];
  /** Entries of the submissions folder that are not graded (symbolic links, files), one message each. */
  refused: string[];
  results: StudentResult[];
  seconds: number;
  gradebook: { csv: string; json: string };
  /** Kernels the pool started ahead, and how many of them a notebook then ran in (the rest: a missing notebook, a failed start). */
  kernelsAhead: { started: number; used: number };
}

/** Student folders (real folders, not links or files), sorted, and one message per entry that is refused. */
export function scanSubmissions(submissions: string, shard?: { index: number; count: number }): { students: string[]; refused: string[] } {
  if (!fs.existsSync(submissions) || !fs.statSync(submissions).isDirectory()) throw new Error(`${submissions}: not a folder of student folders`);
  const students: string[] = [];
  const refused: string[] = [];
  for (const name of fs.readdirSync(submissions).sort()) {
    if (name.startsWith(".")) continue;
    const why = refuseStudentFolder(path.join(submissions, name));
    if (why) refused.push(why);
    else students.push(name);
  }
  return { students: shard ? students.filter((_, i) => i % shard.count === shard.index - 1) : students, refused };
}

/** Student folder names, sorted; a shard takes every count-th one starting at index. */
export function listStudents(submissions: string, shard?: { index: number; count: number }): string[] {
  return scanSubmissions(submissions, shard).students;
}

export function readStudent(options: AutogradeOptions, student: string): Submission {
  return readSubmission(path.join(options.submissions, student), options.course.notebooks.map((notebook) => notebook.name), options.limits ?? DEFAULT_LIMITS);
}

/** Resume key: grader, course, options, and exactly what was read from the folder (nothing else in it counts). */
export function inputHash(options: AutogradeOptions, submission: Submission): string {
  const hash = createHash("sha256");
  const budgets = budgetsOf(options);
  hash.update(`${GRADER_VERSION}|${options.course.hash}|${options.timeoutSec}|${options.memoryMb}|${options.showHidden}|${sandboxModeOf(options.sandbox)}|`);
  hash.update(`${budgets.notebookMs}|${budgets.studentMs}|${JSON.stringify(options.limits ?? DEFAULT_LIMITS)}|`);
  for (const notebook of options.course.notebooks) {
    const text = submission.texts.get(notebook.name);
    hash.update(notebook.name).update("\0").update(text === undefined ? `missing: ${submission.refused.get(notebook.name)}` : `text: ${text}`).update("\0");
  }
  return hash.digest("hex");
}

function previousResult(out: string, student: string): StudentResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(resultPath(out, student), "utf8")) as StudentResult;
  } catch {
    return undefined;
  }
}

function isFinished(options: AutogradeOptions, student: string, hash: string): boolean {
  const previous = previousResult(options.out, student);
  return previous !== undefined && previous.inputHash === hash && previous.notebooks.every((notebook) => notebook.infraError === undefined);
}

function infraTimeoutMsOf(options: AutogradeOptions): number {
  return options.infraTimeoutSec !== undefined ? options.infraTimeoutSec * 1000 : DEFAULT_INFRA_TIMEOUT_MS;
}

export function budgetsOf(options: AutogradeOptions): { notebookMs: number; studentMs: number } {
  const notebookMs = (options.notebookBudgetSec ?? NOTEBOOK_BUDGET_TIMEOUTS * options.timeoutSec) * 1000;
  return { notebookMs, studentMs: options.studentBudgetSec !== undefined ? options.studentBudgetSec * 1000 : notebookMs * options.course.notebooks.length };
}

function submissionNotes(submission: Submission): string[] {
  const notes = [...submission.refused.values()].filter((why) => !why.endsWith("was not submitted"));
  if (submission.ignored.length > 0) notes.push(`not read (only the course's notebooks are): ${submission.ignored.slice(0, 20).join(", ")}${submission.ignored.length > 20 ? ", …" : ""}`);
  return notes;
}

/** A student still to grade: what was read from their folder and its resume hash. */
interface Todo {
  student: string;
  submission: Submission;
  hash: string;
}

/**
 * Grades every notebook of one student. While a notebook runs, the kernel for the next one starts (the
 * student's next notebook, or after the last one the first of `claimNext()`, the student this worker takes next).
 */
async function gradeStudent(worker: Worker, todo: Todo, options: AutogradeOptions, compileCache: string | undefined, claimNext: () => Todo | undefined): Promise<StudentResult> {
  const { student, submission, hash } = todo;
  const started = Date.now();
  const result: StudentResult = { student, inputHash: hash, notebooks: [], seconds: 0, notes: submissionNotes(submission) };
  const budgets = budgetsOf(options);
  let studentLeftMs = budgets.studentMs;
  const policy = {
    retries: options.retries ?? 2,
    retryDelayMs: (options.retryDelaySec ?? 5) * 1000,
    infraTimeoutMs: infraTimeoutMsOf(options),
  };
  const notebooks = options.course.notebooks;
  const startNext = (i: number): void => {
    const upcoming = i + 1 < notebooks.length ? todo : claimNext();
    const notebook = notebooks[(i + 1) % notebooks.length];
    const text = upcoming?.submission.texts.get(notebook.name);
    if (upcoming === undefined || text === undefined) return;
    startNextKernel(worker, upcoming.student, notebook.name, (dir) => prepareWorkFolder(dir, notebook.name, text, compileCache), preludeSource(), policy);
  };
  for (const [i, notebook] of notebooks.entries()) {
    const text = submission.texts.get(notebook.name);
    const submitted = text !== undefined ? { text } : { missing: submission.refused.get(notebook.name) ?? `${notebook.name} was not submitted` };
    const studentBinds = studentLeftMs < budgets.notebookMs;
    const graded = await gradeWithRetries(worker, student, submitted, notebook, {
      cellTimeoutMs: options.timeoutSec * 1000,
      budgetMs: Math.max(0, Math.min(budgets.notebookMs, studentLeftMs)),
      budgetName: studentBinds ? "this student's" : "the notebook's",
      prelude: preludeSource(),
      showHidden: options.showHidden,
      compileCache,
    }, policy, () => startNext(i));
    studentLeftMs -= (graded.spentSeconds ?? 0) * 1000;
    result.notebooks.push(graded);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

export async function autograde(options: AutogradeOptions): Promise<AutogradeSummary> {
  const started = Date.now();
  const { students, refused } = scanSubmissions(options.submissions, options.shard);
  const todo: Todo[] = [];
  const skipped: string[] = [];
  for (const student of students) {
    const submission = readStudent(options, student);
    const hash = inputHash(options, submission);
    if (isFinished(options, student, hash)) skipped.push(student);
    else todo.push({ student, submission, hash });
  }
  const jobs = Math.max(1, Math.min(options.jobs, todo.length || 1));
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "backprop-grade-"));
  const compileCache = sandboxModeOf(options.sandbox) !== "off" ? path.join(base, "tsx-cache") : undefined;
  // Never a silently weaker sandbox: without namespaces, say so and let the instructor choose --sandbox node.
  // The probe asks whether this machine can sandbox at all, so a short per-notebook budget must not make a slow
  // yes look like a no: it gets at least the default infrastructure budget.
  const probeTimeoutMs = Math.max(infraTimeoutMsOf(options), DEFAULT_INFRA_TIMEOUT_MS);
  const unavailable = todo.length > 0 && sandboxModeOf(options.sandbox) === "os" ? sandboxUnavailable(base, probeTimeoutMs) : undefined;
  if (unavailable !== undefined) {
    fs.rmSync(base, { recursive: true, force: true });
    throw new Error(`${unavailable}. Run as root on Linux, or grade with --sandbox node (Node's permission model only: no network or signal boundary) or --sandbox off, knowingly.`);
  }
  if (todo.length > 0 && compileCache) warmCompileCache(compileCache, options.sandbox);
  const workers: Worker[] = [];
  for (let i = 0; i < jobs; i++) {
    const root = path.join(base, `w${i}`);
    workers.push({ ...setUpGradingWorker(root, options.memoryMb, options.sandbox), attempts: 0, pool: { started: 0, used: 0 } });
  }
  const progress = progressBar(todo.length);
  const graded: string[] = [];
  let next = 0;
  const claim = (): Todo | undefined => (next < todo.length ? todo[next++] : undefined);
  const loop = async (worker: Worker): Promise<void> => {
    let claimedAhead: Todo | undefined;
    for (let current = claim(); current !== undefined; current = claimedAhead ?? claim()) {
      claimedAhead = undefined;
      const { student } = current;
      const result = keepHandGrades(previousResult(options.out, student), await gradeStudent(worker, current, options, compileCache, () => (claimedAhead ??= claim())));
      writeResult(options.out, result);
      graded.push(student);
      const rows = result.notebooks.flatMap((n) => n.rows);
      const points = rows.reduce((sum, row) => sum + (row.points ?? 0), 0);
      const max = rows.reduce((sum, row) => sum + row.max, 0);
      const notGraded = result.notebooks.filter((n) => n.infraError !== undefined).length;
      const line = `${student}: ${Math.round(points * 100) / 100}/${max} (${result.seconds.toFixed(1)} s)${notGraded > 0 ? `; ${notGraded} notebook(s) not graded (rerun to retry)` : ""}`;
      progress.tick(line);
      options.log?.(line);
    }
  };
  try {
    await Promise.all(workers.map(loop));
  } finally {
    progress.done();
    await Promise.all(workers.map(dropServer));
    for (const worker of workers) worker.cleanup();
    fs.rmSync(base, { recursive: true, force: true });
  }
  const wanted = new Set(students);
  const results = readResults(options.out).filter((result) => wanted.has(result.student));
  const gradebook = writeGradebook(options.out, results);
  writeFeedback(options.out, results);
  const kernelsAhead = { started: 0, used: 0 };
  for (const worker of workers) (kernelsAhead.started += worker.pool.started), (kernelsAhead.used += worker.pool.used);
  return { graded, skipped, refused, results, seconds: (Date.now() - started) / 1000, gradebook, kernelsAhead };
}
