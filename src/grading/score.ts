// Points for one graded cell, from how it ran (nbgrader's determine_grade rules, made strict about aborts).

import { Cell, isSolution, pointsOf } from "./cells";
import { AnswerState } from "./rebuild";
import { NOT_ANSWERED_PREFIX } from "./markers";

/** How one cell ran, as the grader's executor reports it. */
export interface CellRun {
  status: "ok" | "error" | "abort" | "timeout" | "died" | "skipped" | "missing";
  ename?: string;
  evalue?: string;
  /** text/plain of the cell's execute_result, if it had one. */
  result?: string;
  seconds?: number;
  /** Ran at or after hidden tests: ename/evalue may carry what student code saw of them and are never shown. */
  withheld?: boolean;
  /** The grader's own words on why the cell was stopped or not run (a time budget ran out). */
  reason?: string;
}

/** The whole message of a failing cell whose own text is withheld (see CellRun.withheld). */
export const WITHHELD_MESSAGE =
  "a check in this cell failed; its message is withheld because hidden tests had run in the kernel (the public tests in your notebook show their own messages)";

export type GradeStatus = "passed" | "partial" | "failed" | "unanswered" | "timeout" | "died" | "manual";

export interface Grade {
  /** null: waits for a person (written answers). */
  points: number | null;
  max: number;
  status: GradeStatus;
  message: string;
}

function failure(run: CellRun | undefined): { status: GradeStatus; message: string } {
  if (run === undefined || run.status === "missing" || run.status === "skipped") {
    return { status: run?.reason ? "timeout" : "failed", message: `the cell did not run (${run?.reason ?? "an earlier cell stopped the kernel"})` };
  }
  if (run.status === "timeout" && run.reason) return { status: "timeout", message: `the cell was stopped: ${run.reason}` };
  if (run.status === "timeout") return { status: "timeout", message: "the cell ran past the time limit and was stopped" };
  if (run.status === "died") return { status: "died", message: "the kernel died while running this cell (out of memory or exited)" };
  if (run.status === "abort") return { status: "failed", message: "the cell was aborted" };
  const evalue = run.evalue ?? "";
  const unanswered = evalue.includes(NOT_ANSWERED_PREFIX) || run.ename === "NotAnsweredError";
  if (run.withheld) return { status: unanswered ? "unanswered" : "failed", message: unanswered ? "not answered" : WITHHELD_MESSAGE };
  if (unanswered) return { status: "unanswered", message: `${run.ename ?? "Error"}: ${evalue}` };
  return { status: "failed", message: `${run.ename ?? "Error"}: ${evalue}` };
}

/** Partial credit: an execute_result that reads as a number in [0, max] is the score. */
function partialCredit(result: string | undefined, max: number): Grade | undefined {
  if (result === undefined) return undefined;
  const text = result.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  if (value < 0 || value > max) {
    return { points: 0, max, status: "failed", message: `the test cell reported ${text} points, outside [0, ${max}]` };
  }
  if (value === max) return { points: max, max, status: "passed", message: "" };
  return { points: value, max, status: value === 0 ? "failed" : "partial", message: `partial credit: ${text} of ${max}` };
}

/** The grade of an autograded code cell (a test cell, or a self-checking graded answer). */
export function gradeCodeCell(cell: Cell, run: CellRun | undefined, answer?: AnswerState): Grade {
  const max = pointsOf(cell);
  if (isSolution(cell) && answer !== undefined && answer !== "answered") {
    return { points: 0, max, status: "unanswered", message: answer === "missing" ? "the answer cell was deleted" : "not answered" };
  }
  if (run === undefined || run.status !== "ok") return { points: 0, max, ...failure(run) };
  return partialCredit(run.result, max) ?? { points: max, max, status: "passed", message: "" };
}

/** A written answer or task: zero when untouched, otherwise left for a person. */
export function gradeManualCell(cell: Cell, answer: AnswerState | undefined): Grade {
  const max = pointsOf(cell);
  if (answer === "unanswered" || answer === "missing") {
    return { points: 0, max, status: "unanswered", message: answer === "missing" ? "the answer cell was deleted" : "not answered" };
  }
  return { points: null, max, status: "manual", message: "needs manual grading" };
}
