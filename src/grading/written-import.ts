// Reads filled written-answer CSVs and applies their scores and comments to the results, all or nothing.

import * as fs from "node:fs";
import { parse } from "csv-parse/sync";
import { GradebookRow, StudentResult } from "./gradebook";
import { handGradedMessage } from "./written-answers";

/** One hand grade read from a CSV row. */
export interface HandGrade {
  student: string;
  notebook: string;
  cell: string;
  /** null: back to "needs manual grading". */
  points: number | null;
  comment: string;
  /** "grades.csv line 4", for messages. */
  where: string;
}

export class WrittenImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`nothing was changed; fix these rows and import again:\n  ${problems.join("\n  ")}`);
    this.name = "WrittenImportError";
  }
}

const REQUIRED = ["student", "notebook", "cell", "points", "comment"];

// csvField (gradebook.ts) put a ' before text a spreadsheet would run as a formula: take it off again.
const unquoteFormula = (text: string): string => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

/** Parses one CSV; problems (malformed CSV, missing columns, a points field that is not a number) go to `problems`. */
export function parseHandGrades(file: string, text: string, problems: string[]): HandGrade[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    problems.push(`${file}${lines ? ` line ${lines}` : ""}: malformed CSV: ${(error as Error).message}`);
    return [];
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = records.length > 0 ? REQUIRED.filter((column) => !header.includes(column)) : [];
  if (missing.length > 0) {
    problems.push(`${file} line 1: the header lacks ${missing.join(", ")} (it needs ${REQUIRED.join(", ")})`);
    return [];
  }
  const grades: HandGrade[] = [];
  for (const { record, info } of records) {
    const where = `${file} line ${info.lines}`;
    const raw = record.points.trim();
    const points = raw === "" ? null : Number(raw);
    if (points !== null && !Number.isFinite(points)) {
      problems.push(`${where} (${record.student}, ${record.cell}): points must be a number or empty, got ${JSON.stringify(raw)}`);
      continue;
    }
    if (points === null && record.comment.trim() !== "") {
      problems.push(`${where} (${record.student}, ${record.cell}): a comment needs points beside it (empty points means "not graded yet")`);
      continue;
    }
    const field = (name: string) => unquoteFormula(record[name].trim());
    grades.push({ student: field("student"), notebook: field("notebook"), cell: field("cell"), points, comment: unquoteFormula(record.comment.trim()), where });
  }
  return grades;
}

/** The row a hand grade changes, or why it cannot (unknown student, notebook or grade id; unanswered; out of range). */
function targetRow(results: Map<string, StudentResult>, grade: HandGrade): GradebookRow | string {
  const result = results.get(grade.student);
  if (!result) return `unknown student "${grade.student}" (not in this gradebook's results)`;
  const notebook = result.notebooks.find((n) => n.notebook === grade.notebook);
  if (!notebook) return `unknown notebook "${grade.notebook}" for ${grade.student}`;
  const row = notebook.rows.find((r) => r.cell === grade.cell);
  if (!row) return `unknown grade id "${grade.cell}" in ${grade.notebook}`;
  if (row.status === "unanswered") return `${grade.student} did not answer "${grade.cell}"; it scores 0 without a person`;
  if (row.status !== "manual") return `"${grade.cell}" in ${grade.notebook} is not a written answer (it is graded automatically)`;
  if (grade.points !== null && grade.points < 0) return `points ${grade.points} is below 0`;
  if (grade.points !== null && grade.points > row.max) return `points ${grade.points} is above the maximum ${row.max}`;
  return row;
}

/**
 * Applies the grades to copies of the results. Every row is checked first: if any is wrong, a
 * WrittenImportError lists every wrong row and nothing is returned (so nothing is written).
 */
export function applyHandGrades(results: StudentResult[], grades: HandGrade[], problems: string[] = []): StudentResult[] {
  const byStudent = new Map(results.map((r) => [r.student, JSON.parse(JSON.stringify(r)) as StudentResult]));
  const seen = new Map<string, string>();
  const changes: { row: GradebookRow; grade: HandGrade }[] = [];
  for (const grade of grades) {
    const key = `${grade.student}\0${grade.notebook}\0${grade.cell}`;
    const first = seen.get(key);
    if (first) {
      problems.push(`${grade.where}: ${grade.student}'s "${grade.cell}" is graded twice (first at ${first})`);
      continue;
    }
    seen.set(key, grade.where);
    const row = targetRow(byStudent, grade);
    if (typeof row === "string") problems.push(`${grade.where}: ${row}`);
    else changes.push({ row, grade });
  }
  if (problems.length > 0) throw new WrittenImportError(problems);
  const changed = new Set<string>();
  for (const { row, grade } of changes) {
    const comment = grade.points === null ? undefined : grade.comment || undefined;
    const next = { points: grade.points, message: grade.points === null ? "needs manual grading" : handGradedMessage(grade.comment), comment };
    if (row.points === next.points && row.message === next.message) continue;
    Object.assign(row, next);
    if (comment === undefined) delete row.comment;
    changed.add(grade.student);
  }
  return [...byStudent.values()].filter((r) => changed.has(r.student));
}

/** Reads every CSV and applies it; throws a WrittenImportError naming every bad row, before anything changes. */
export function importHandGrades(results: StudentResult[], files: string[]): StudentResult[] {
  const problems: string[] = [];
  const grades: HandGrade[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      problems.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    grades.push(...parseHandGrades(file, text, problems));
  }
  return applyHandGrades(results, grades, problems);
}
