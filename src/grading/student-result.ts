// What grading one student produces: rows of the gradebook, feedback per cell, per notebook and in all.

import type { GradeStatus } from "./score";

export interface GradebookRow {
  student: string;
  notebook: string;
  cell: string;
  /** null: waits for manual grading, or was not graded (the grader failed). */
  points: number | null;
  max: number;
  /** "not graded": the grader failed (kernel start, prelude, server); never the student's score. */
  status: GradeStatus | "not graded";
  message: string;
  /** A person's comment on a written answer they graded (written-import.ts). */
  comment?: string;
}

/** What feedback shows for one graded cell besides its grade. */
export interface CellFeedback {
  cell: string;
  kind: "test" | "answer" | "manual";
  /** The student's answer source, or the test source (hidden tests present only when allowed). */
  source: string;
  /** Error or output text the student may see. */
  output?: string;
}

export interface NotebookResult {
  notebook: string;
  rows: GradebookRow[];
  notes: string[];
  feedback: CellFeedback[];
  seconds: number;
  /** Seconds its own cells ran, replays included (what the time budgets count). */
  spentSeconds?: number;
  /** Set when the notebook could not be graded at all (the grader failed, not the student); a rerun grades it. */
  infraError?: string;
}

/** Everything graded for one student; written to results/<student>.json so a run can resume. */
export interface StudentResult {
  student: string;
  inputHash: string;
  notebooks: NotebookResult[];
  seconds: number;
  /** About the folder as a whole (files that were refused or ignored). */
  notes?: string[];
}

/** Results in student order (by code unit, the same on every machine): the order of every gradebook file. */
export function byStudent<T extends { student: string }>(results: readonly T[]): T[] {
  return [...results].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
}
