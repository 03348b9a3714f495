// Per notebook: how many exercises are passed, attempted (checked, latest check failed), not started.

import type { NotebookExercises } from "./exercises";
import type { ProgressRecord } from "./progress-records";

export type ExerciseStatus = "passed" | "attempted" | "not started";

export interface NotebookProgress {
  notebook: string;
  passed: number;
  attempted: number;
  notStarted: number;
  total: number;
  /** Status of each exercise, by grade id, in notebook order. */
  exercises: { gradeId: string; status: ExerciseStatus }[];
}

/**
 * An exercise is passed when the latest result of each of its checks passed, attempted when some check
 * ran otherwise, and not started when none of its checks ever ran.
 */
export function summarizeProgress(notebooks: NotebookExercises[], records: ProgressRecord[]): NotebookProgress[] {
  const latest = new Map<string, boolean>();
  for (const record of records) latest.set(record.gradeId, record.passed); // file order is time order
  return notebooks.map(({ notebook, gradeIds, checks }) => {
    const exercises = gradeIds.map((gradeId) => {
      const results = Object.keys(checks)
        .filter((check) => checks[check] === gradeId)
        .map((check) => latest.get(check));
      const ran = results.filter((r) => r !== undefined);
      const status: ExerciseStatus = ran.length === 0 ? "not started" : results.every((r) => r === true) ? "passed" : "attempted";
      return { gradeId, status };
    });
    const count = (status: ExerciseStatus) => exercises.filter((e) => e.status === status).length;
    return { notebook, passed: count("passed"), attempted: count("attempted"), notStarted: count("not started"), total: exercises.length, exercises };
  });
}

/** A fixed-width text table, one row per notebook and a total. */
export function progressTable(rows: NotebookProgress[]): string {
  const header = ["notebook", "passed", "attempted", "not started"];
  const total = rows.reduce((sum, r) => ({ passed: sum.passed + r.passed, attempted: sum.attempted + r.attempted, notStarted: sum.notStarted + r.notStarted }), { passed: 0, attempted: 0, notStarted: 0 });
  const body = [...rows.map((r) => [r.notebook.replace(/\.ipynb$/, ""), r.passed, r.attempted, r.notStarted]), ["total", total.passed, total.attempted, total.notStarted]].map((row) => row.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), ...body.slice(0, -1).map(line), widths.map((w) => "-".repeat(w)).join("  "), line(body[body.length - 1])].join("\n");
}
