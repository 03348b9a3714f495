// gradebook-lms.csv: one row per student, points per notebook and overall, in the shape Canvas and Moodle import.

import type { StudentResult } from "./student-result";
import { byStudent } from "./student-result";
import { csvField } from "./csv-field";

/** Canvas reads students by ID, SIS User ID or SIS Login ID; Moodle maps any one column to its user field. */
const IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"];

/** Canvas treats "Final Points" as read-only (it computes its own total), so the overall total never becomes an assignment. */
export const TOTAL_COLUMN = "Final Points";

const round = (value: number): number => Math.round(value * 1e4) / 1e4;

/** A notebook's points, or null while any of its cells waits for a person or was not graded (an LMS keeps a blank as "no grade"). */
function notebookPoints(result: StudentResult, notebook: string): number | null {
  const graded = result.notebooks.find((n) => n.notebook === notebook);
  if (!graded || graded.rows.some((row) => row.points === null)) return null;
  return round(graded.rows.reduce((sum, row) => sum + (row.points ?? 0), 0));
}

/** Assignment column names: the notebook file names without ".ipynb", in course order. */
export function assignmentName(notebook: string): string {
  return notebook.replace(/\.ipynb$/, "");
}

export function lmsCsv(results: StudentResult[]): string {
  const notebooks: string[] = [];
  for (const result of results) for (const n of result.notebooks) if (!notebooks.includes(n.notebook)) notebooks.push(n.notebook);
  const lines = [[...IDENTITY, ...notebooks.map(assignmentName), TOTAL_COLUMN].map(csvField).join(",")];
  const sorted = byStudent(results);
  for (const result of sorted) {
    const points = notebooks.map((notebook) => notebookPoints(result, notebook));
    const total = points.some((p) => p === null) ? null : round(points.reduce<number>((sum, p) => sum + (p ?? 0), 0));
    lines.push([result.student, "", "", result.student, "", ...points, total].map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}
