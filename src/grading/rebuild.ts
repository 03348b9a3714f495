// Submission + instructor source → the notebook that is graded: answers from the student, all else from source.
//
// Cells are matched by grade_id, then by nbformat cell id (a cell whose grade_id was renamed or whose
// metadata was stripped keeps its id in JupyterLab). The source fixes the order, so reordered cells
// come back in place; deleted cells come back from the source (an answer comes back as the stub);
// duplicated grade_ids keep one cell. Cells the student added are kept after the cell they followed.

import { Cell, Notebook, cloneNotebook, gradeIdOf, isAutogradedTest, isSolution, isTracked, sourceOf } from "./cells";
import { makeInstructorRun } from "./assign";

export type Role = "answer" | "test" | "locked" | "other" | "extra";

export interface PlannedCell {
  role: Role;
  gradeId?: string;
  /** Index of the cell in the instructor source (undefined for cells the student added). */
  sourceIndex?: number;
  /** Index of the submission cell this one was built from (undefined when it came from the source). */
  studentIndex?: number;
}

export type AnswerState = "answered" | "unanswered" | "missing";

export interface GradingPlan {
  notebook: Notebook;
  cells: PlannedCell[];
  answers: Map<string, AnswerState>;
  notes: string[];
}

function roleOf(cell: Cell): Role {
  if (isSolution(cell)) return "answer";
  if (isAutogradedTest(cell)) return "test";
  if (isTracked(cell)) return "locked";
  return "other";
}

const normalize = (text: string): string => text.replace(/\s+$/, "");

function asCell(value: unknown): Cell | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const cell = value as Partial<Cell>;
  const typeOk = cell.cell_type === "code" || cell.cell_type === "markdown" || cell.cell_type === "raw";
  const sourceOk = typeof cell.source === "string" || (Array.isArray(cell.source) && cell.source.every((line) => typeof line === "string"));
  if (!typeOk || !sourceOk) return undefined;
  const metadata = cell.metadata !== null && typeof cell.metadata === "object" ? cell.metadata : {};
  return { ...cell, metadata } as Cell;
}

/** The student's cells, skipping anything that is not a well-formed cell. */
export function submissionCells(submission: unknown, notes: string[]): Cell[] {
  const cells = (submission as { cells?: unknown })?.cells;
  if (!Array.isArray(cells)) {
    notes.push("the submission has no list of cells; every answer counts as missing");
    return [];
  }
  const out: Cell[] = [];
  cells.forEach((value, index) => {
    const cell = asCell(value);
    if (cell) out.push(cell);
    else notes.push(`submission cell ${index} is malformed and was ignored`);
  });
  return out;
}

/**
 * Builds the graded notebook. `source` is the instructor notebook (with solutions and hidden tests),
 * `release` the student version made from it (for stubs and "unchanged" comparisons).
 */
export function rebuildSubmission(source: Notebook, release: Notebook, submission: unknown): GradingPlan {
  const notes: string[] = [];
  const student = submissionCells(submission, notes);
  const instructor = makeInstructorRun(source);
  const sourceGradeIds = new Set(instructor.cells.map(gradeIdOf).filter((id): id is string => id !== undefined));

  const byGradeId = new Map<string, number[]>();
  const byCellId = new Map<string, number[]>();
  student.forEach((cell, i) => {
    const gid = gradeIdOf(cell);
    if (gid !== undefined && sourceGradeIds.has(gid)) byGradeId.set(gid, [...(byGradeId.get(gid) ?? []), i]);
    if (typeof cell.id === "string") byCellId.set(cell.id, [...(byCellId.get(cell.id) ?? []), i]);
  });

  const claimed = new Map<number, number>(); // student index → source index
  const matchOf: (number | undefined)[] = [];
  const answers = new Map<string, AnswerState>();

  instructor.cells.forEach((cell, s) => {
    const gid = gradeIdOf(cell);
    const released = release.cells[s];
    let candidates = gid !== undefined ? byGradeId.get(gid) ?? [] : [];
    let recovered = false;
    if (candidates.length === 0 && typeof cell.id === "string") {
      // Same nbformat id, and not claimed under a grade_id the source knows: a renamed or stripped cell.
      candidates = (byCellId.get(cell.id) ?? []).filter((i) => {
        const other = gradeIdOf(student[i]);
        return !claimed.has(i) && (other === undefined || !sourceGradeIds.has(other));
      });
      recovered = candidates.length > 0 && gid !== undefined;
    }
    candidates = candidates.filter((i) => !claimed.has(i));
    if (candidates.length > 1 && gid !== undefined) {
      notes.push(`grade_id "${gid}" appears in ${candidates.length} cells; graded one and ignored the copies`);
    }
    const releasedSource = normalize(sourceOf(released));
    const edited = candidates.find((i) => normalize(sourceOf(student[i])) !== releasedSource);
    const chosen = roleOf(cell) === "answer" ? edited ?? candidates[0] : candidates[0];
    for (const i of candidates) claimed.set(i, s);
    matchOf[s] = chosen;
    if (recovered) notes.push(`cell "${gid}" was found by its cell id (its grade_id was changed or removed)`);
    if (gid === undefined) return;
    const role = roleOf(cell);
    if (role === "answer") {
      if (chosen === undefined) {
        answers.set(gid, "missing");
        notes.push(`answer "${gid}" was deleted; graded as unanswered`);
      } else {
        answers.set(gid, normalize(sourceOf(student[chosen])) === releasedSource ? "unanswered" : "answered");
      }
    } else if (chosen === undefined) {
      notes.push(`${role === "test" ? "test" : "locked"} cell "${gid}" was deleted; restored from the source`);
    } else if (edited !== undefined) {
      notes.push(`${role === "test" ? "test" : "locked"} cell "${gid}" was edited; graded with the original`);
    }
  });

  // Cells the student added go after the last source cell that preceded them in the submission.
  const extrasAfter = new Map<number, { cell: Cell; studentIndex: number }[]>();
  let anchor = -1;
  let dropped = 0;
  student.forEach((cell, i) => {
    const s = claimed.get(i);
    if (s !== undefined) {
      anchor = s;
      return;
    }
    const gid = gradeIdOf(cell);
    if (gid !== undefined && sourceGradeIds.has(gid)) {
      dropped++;
      return;
    }
    const copy: Cell = structuredClone(cell);
    delete copy.metadata.nbgrader;
    if (copy.cell_type === "code") copy.outputs = [];
    extrasAfter.set(anchor, [...(extrasAfter.get(anchor) ?? []), { cell: copy, studentIndex: i }]);
  });
  if (dropped > 0) notes.push(`${dropped} duplicated graded cell(s) ignored`);

  const notebook = cloneNotebook(instructor);
  notebook.cells = [];
  const cells: PlannedCell[] = [];
  let extraCount = 0;
  const pushExtras = (at: number): void => {
    for (const { cell: extra, studentIndex } of extrasAfter.get(at) ?? []) {
      extra.id = `student-extra-${++extraCount}`;
      notebook.cells.push(extra);
      cells.push({ role: "extra", studentIndex });
    }
  };
  pushExtras(-1);
  instructor.cells.forEach((cell, s) => {
    const role = roleOf(cell);
    const chosen = matchOf[s];
    const out: Cell = structuredClone(cell);
    if (role === "answer") {
      out.source = chosen !== undefined ? sourceOf(student[chosen]) : sourceOf(release.cells[s]);
    } else if (role === "other" && chosen !== undefined && student[chosen].cell_type === cell.cell_type) {
      out.source = sourceOf(student[chosen]); // unlocked cells are the student's to edit
    }
    if (out.cell_type === "code") {
      out.outputs = [];
      out.execution_count = null;
    }
    notebook.cells.push(out);
    cells.push({ role, gradeId: gradeIdOf(cell), sourceIndex: s, studentIndex: chosen });
    pushExtras(s);
  });
  return { notebook, cells, answers, notes };
}
