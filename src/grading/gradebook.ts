// The gradebook: one row per student × notebook × graded cell, written as CSV and JSON.

import * as fs from "node:fs";
import * as path from "node:path";
import { lmsCsv } from "./lms-export";
import { csvField } from "./csv-field";
import type { GradebookRow, StudentResult } from "./student-result";
import { byStudent } from "./student-result";

export { csvField };
export type { CellFeedback, GradebookRow, NotebookResult, StudentResult } from "./student-result";

/** The gradebook in the shape an LMS imports (lms-export.ts). */
export const LMS_CSV = "gradebook-lms.csv";

const COLUMNS = ["student", "notebook", "cell", "points", "max", "status", "message"] as const;

export function toCsv(rows: GradebookRow[]): string {
  const lines = [COLUMNS.join(",")];
  for (const row of rows) lines.push(COLUMNS.map((column) => csvField(row[column])).join(","));
  return lines.join("\n") + "\n";
}

export function rowsOf(results: StudentResult[]): GradebookRow[] {
  const sorted = byStudent(results);
  return sorted.flatMap((result) => result.notebooks.flatMap((notebook) => notebook.rows));
}

export interface StudentTotal {
  student: string;
  points: number;
  max: number;
  manualPending: number;
  /** Graded cells the grader could not grade (its own failure); a rerun grades them. */
  notGraded: number;
}

export function totalsOf(results: StudentResult[]): StudentTotal[] {
  return byStudent(results).map((result) => {
    const rows = result.notebooks.flatMap((notebook) => notebook.rows);
    return {
      student: result.student,
      points: rows.reduce((sum, row) => sum + (row.points ?? 0), 0),
      max: rows.reduce((sum, row) => sum + row.max, 0),
      manualPending: rows.filter((row) => row.status === "manual" && row.points === null).length,
      notGraded: rows.filter((row) => row.status === "not graded").length,
    };
  });
}

/** Writes gradebook.csv, gradebook.json and gradebook-lms.csv into `outDir`. */
export function writeGradebook(outDir: string, results: StudentResult[]): { csv: string; json: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const rows = rowsOf(results);
  const csv = path.join(outDir, "gradebook.csv");
  const json = path.join(outDir, "gradebook.json");
  fs.writeFileSync(csv, toCsv(rows));
  fs.writeFileSync(json, JSON.stringify({ rows, totals: totalsOf(results) }, null, 2) + "\n");
  fs.writeFileSync(path.join(outDir, LMS_CSV), lmsCsv(results));
  return { csv, json };
}

export const RESULTS_DIR = "results";

export function resultPath(outDir: string, student: string): string {
  return path.join(outDir, RESULTS_DIR, `${student}.json`);
}

/** Every per-student result under `outDir/results`, skipping files that do not parse. */
export function readResults(outDir: string): StudentResult[] {
  const dir = path.join(outDir, RESULTS_DIR);
  if (!fs.existsSync(dir)) return [];
  const results: StudentResult[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    try {
      results.push(JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as StudentResult);
    } catch {
      // A half-written result from an interrupted run: that student is graded again.
    }
  }
  return results;
}

/** Writes atomically (temp file + rename) so an interrupted run never leaves a half result. */
export function writeResult(outDir: string, result: StudentResult): void {
  const file = resultPath(outDir, result.student);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(result, null, 2) + "\n");
  fs.renameSync(temp, file);
}
