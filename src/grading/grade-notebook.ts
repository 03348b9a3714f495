// Grades one student's copy of one course notebook: rebuild, guard names, run in grading mode, score each graded cell.

import * as fs from "node:fs";
import * as path from "node:path";
import type { JupyterServer } from "../notebook/server";
import type { StartedKernel } from "../notebook/started-kernel";
import type { Output } from "../notebook/nbformat";
import { Cell, gradeIdOf, isAutogradedTest, isGrade, isManuallyGraded, isSolution, pointsOf, setSource, sourceOf } from "./cells";
import { CourseNotebook } from "./course";
import { CellFeedback, GradebookRow, NotebookResult } from "./gradebook";
import { redactHiddenTests } from "./markers";
import { rebuildSubmission } from "./rebuild";
import { runForGrading } from "./run";
import { Grade, gradeCodeCell, gradeManualCell } from "./score";
import { renameShadowing } from "./shadow";
import { seedCompileCache } from "./kernelspec";

export interface GradeNotebookOptions {
  server: JupyterServer;
  kernelName: string;
  /** Empty folder under the server root: the kernel's working directory for this notebook. */
  scratchDir: string;
  cellTimeoutMs: number;
  /** Kernel start and prelude (the grader's own work); see run.ts. */
  infraTimeoutMs?: number;
  /** What this notebook's own cells may take in all, replays included. */
  budgetMs?: number;
  budgetName?: string;
  prelude?: string;
  showHidden: boolean;
  /** Warmed tsx cache to copy into the working folder (sandboxed kernels). */
  compileCache?: string;
  /** A kernel started ahead in scratchDir, already prepared (kernel-ahead.ts); the first run uses it. */
  takeStartedKernel?: () => Promise<StartedKernel | undefined>;
}

/**
 * The working folder holds only the submitted notebook (and tsx's cache); it is rebuilt before every kernel
 * start, so nothing a cell wrote survives into a replay.
 */
export function prepareWorkFolder(scratchDir: string, notebookName: string, text: string, compileCache: string | undefined): void {
  // A kernel that was just shut down may still be writing its compile cache here: retry, don't fail the run.
  fs.rmSync(scratchDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  fs.mkdirSync(scratchDir, { recursive: true });
  fs.writeFileSync(path.join(scratchDir, notebookName), text);
  if (compileCache) seedCompileCache(compileCache, scratchDir);
}

function gradedCells(course: CourseNotebook): Cell[] {
  return course.source.cells.filter((cell) => isGrade(cell) || isManuallyGraded(cell));
}

/** Every graded cell at the same grade, for a notebook that could not be graded at all. */
function allRows(student: string, course: CourseNotebook, make: (cell: Cell) => Omit<GradebookRow, "student" | "notebook" | "cell">): GradebookRow[] {
  return gradedCells(course).map((cell) => ({ student, notebook: course.name, cell: gradeIdOf(cell) ?? "", ...make(cell) }));
}

function outputText(outputs: Output[] | undefined): string | undefined {
  if (!outputs) return undefined;
  const parts: string[] = [];
  for (const output of outputs) {
    if (output.output_type === "error") parts.push(`${output.ename}: ${output.evalue}`);
    else if (output.output_type === "stream") parts.push(Array.isArray(output.text) ? output.text.join("") : output.text);
    else {
      const text = output.data["text/plain"];
      if (text !== undefined) parts.push(Array.isArray(text) ? text.join("") : String(text));
    }
  }
  const text = parts.join("\n").trim();
  return text.length > 0 ? text.slice(0, 4000) : undefined;
}

/** What the student handed in for this notebook: its text, or why there is none (missing, refused). */
export type Submitted = { text: string } | { missing: string };

export async function gradeNotebook(student: string, submitted: Submitted, course: CourseNotebook, options: GradeNotebookOptions): Promise<NotebookResult> {
  const started = Date.now();
  const done = (rows: GradebookRow[], notes: string[], feedback: CellFeedback[] = []): NotebookResult => ({
    notebook: course.name,
    rows,
    notes,
    feedback,
    seconds: (Date.now() - started) / 1000,
  });
  const zero = (message: string) => (cell: Cell): Grade => ({ points: 0, max: pointsOf(cell), status: isSolution(cell) && !isAutogradedTest(cell) ? "unanswered" : "failed", message });

  if ("missing" in submitted) return done(allRows(student, course, zero(submitted.missing)), [submitted.missing]);
  const text = submitted.text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const why = `the submitted notebook is not valid JSON (${(error as Error).message})`;
    return done(allRows(student, course, zero(why)), [why]);
  }

  const plan = rebuildSubmission(course.source, course.release, parsed);
  const notes = [...plan.notes];
  plan.notebook.cells.forEach((cell, i) => {
    const role = plan.cells[i].role;
    if (cell.cell_type !== "code" || (role !== "answer" && role !== "extra" && role !== "other")) return;
    const guarded = renameShadowing(sourceOf(cell), course.protectedNames);
    if (guarded.renamed.length === 0) return;
    setSource(cell, guarded.source);
    const where = plan.cells[i].gradeId ? `answer "${plan.cells[i].gradeId}"` : "a cell you added";
    notes.push(`${where} redeclared ${guarded.renamed.join(", ")}, which the tests use; graded with the tests' own ${guarded.renamed.length > 1 ? "versions" : "version"}`);
  });

  const run = await runForGrading(options.server, plan.notebook, {
    kernelName: options.kernelName,
    cwd: options.scratchDir,
    cellTimeoutMs: options.cellTimeoutMs,
    infraTimeoutMs: options.infraTimeoutMs,
    budgetMs: options.budgetMs,
    budgetName: options.budgetName,
    prelude: options.prelude,
    prepare: () => prepareWorkFolder(options.scratchDir, course.name, text, options.compileCache),
    takeStartedKernel: options.takeStartedKernel,
  });
  if (run.infraError !== undefined) return notGraded(student, course, run.infraError, notes, (Date.now() - started) / 1000);
  if (run.restarts > 0) notes.push(`the kernel was restarted ${run.restarts} time(s) after a cell timed out or stopped it; the other cells were run again`);

  const rows: GradebookRow[] = [];
  const feedback: CellFeedback[] = [];
  const byGradeId = new Map(plan.notebook.cells.map((cell) => [gradeIdOf(cell), cell]));
  for (const cell of gradedCells(course)) {
    const gid = gradeIdOf(cell) ?? "";
    const graded = byGradeId.get(gid) ?? cell;
    const grade = cell.cell_type === "code" && isGrade(cell) ? gradeCodeCell(cell, run.runs.get(graded.id ?? ""), plan.answers.get(gid)) : gradeManualCell(cell, plan.answers.get(gid));
    rows.push({ student, notebook: course.name, cell: gid, ...grade });
    const testSource = sourceOf(cell);
    const shown = isSolution(cell) ? sourceOf(graded) : options.showHidden ? testSource : redactHiddenTests(testSource);
    // A test cell's output can echo hidden checks (their ✓ lines, their values): without --show-hidden only the grade's message is shown.
    const out = isAutogradedTest(cell) && !options.showHidden ? grade.message || undefined : outputText(run.outputs.get(graded.id ?? ""));
    feedback.push({ cell: gid, kind: isSolution(cell) ? (cell.cell_type === "code" ? "answer" : "manual") : "test", source: shown, output: out });
  }
  return { ...done(rows, notes, feedback), spentSeconds: run.spentSeconds };
}

/** The grader failed (not the student): no points at all, a reason, and a rerun grades it again. */
export function notGraded(student: string, course: CourseNotebook, fullReason: string, notes: string[] = [], seconds = 0): NotebookResult {
  // What a kernel printed while failing to start may include what earlier student code wrote to stderr: not shown.
  const reason = fullReason.replace(/; the kernel printed:[\s\S]*?(?= \(\d+ tr(y|ies)\)$|$)/, "");
  const rows = allRows(student, course, (cell) => ({ points: null, max: pointsOf(cell), status: "not graded", message: `not graded: ${reason}` }));
  return { notebook: course.name, rows, notes: [...notes, `not graded: ${reason}; this is the grader's failure, not yours, and a rerun grades it`], feedback: [], seconds, infraError: reason };
}
