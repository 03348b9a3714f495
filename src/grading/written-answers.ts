// The class's written answers per question (from autograde's results and the course), and hand grades kept across regrading.

import { Cell, gradeIdOf, isManuallyGraded, pointsOf, sourceOf } from "./cells";
import { byStudent } from "./student-result";
import { Course } from "./course";
import { GradebookRow, StudentResult } from "./gradebook";
import { BEGIN_SOLUTION, END_SOLUTION } from "./markers";

/** One student's answer to a written question, with the hand grade it has so far. */
export interface WrittenAnswer {
  student: string;
  answer: string;
  /** null: not graded by hand yet. */
  points: number | null;
  comment: string;
}

/** One written question of one notebook and every answer the class gave. */
export interface WrittenQuestion {
  notebook: string;
  cell: string;
  max: number;
  /** The markdown cell before the answer cell in the source (the question as students read it). */
  prompt: string;
  /** The instructor's answer from the source notebook (the rubric). */
  modelAnswer: string;
  answers: WrittenAnswer[];
  /** Students who left it blank or deleted it (they score 0 without a person). */
  unanswered: string[];
}

/** Message of a written answer that a person graded. */
export function handGradedMessage(comment: string): string {
  return comment.length > 0 ? `graded by hand: ${comment}` : "graded by hand";
}

/** Cells graded by a person (written answers, markdown tasks) of a course notebook, in order. */
export function writtenCells(cells: Cell[]): Cell[] {
  return cells.filter((cell) => isManuallyGraded(cell) && cell.cell_type === "markdown");
}

function promptBefore(cells: Cell[], index: number): string {
  const before = cells[index - 1];
  return before !== undefined && before.cell_type === "markdown" ? sourceOf(before) : "";
}

/** The source's answer with nbgrader's solution markers taken out (a markdown answer may use them). */
function modelAnswerOf(cell: Cell): string {
  return sourceOf(cell).split("\n").filter((line) => !line.includes(BEGIN_SOLUTION) && !line.includes(END_SOLUTION)).join("\n").trim();
}

/** Every written question of the course, with the answers in `results` (sorted by student). */
export function writtenQuestions(course: Course, results: StudentResult[]): WrittenQuestion[] {
  const sorted = byStudent(results);
  const questions: WrittenQuestion[] = [];
  for (const notebook of course.notebooks) {
    const cells = notebook.source.cells;
    for (const cell of writtenCells(cells)) {
      const gid = gradeIdOf(cell) ?? "";
      const question: WrittenQuestion = { notebook: notebook.name, cell: gid, max: pointsOf(cell), prompt: promptBefore(cells, cells.indexOf(cell)), modelAnswer: modelAnswerOf(cell), answers: [], unanswered: [] };
      for (const result of sorted) {
        const graded = result.notebooks.find((n) => n.notebook === notebook.name);
        const row = graded?.rows.find((r) => r.cell === gid);
        if (!graded || !row) continue;
        if (row.status === "unanswered") question.unanswered.push(result.student);
        if (row.status !== "manual") continue;
        const answer = graded.feedback.find((f) => f.cell === gid)?.source ?? "";
        question.answers.push({ student: result.student, answer, points: row.points, comment: row.comment ?? "" });
      }
      questions.push(question);
    }
  }
  return questions;
}

/** A written answer's row and its answer text in one notebook's result. */
function handGradedAnswers(result: StudentResult | undefined): Map<string, { row: GradebookRow; answer: string }> {
  const found = new Map<string, { row: GradebookRow; answer: string }>();
  for (const notebook of result?.notebooks ?? []) {
    for (const row of notebook.rows) {
      if (row.status !== "manual" || row.points === null) continue;
      const answer = notebook.feedback.find((f) => f.cell === row.cell && f.kind === "manual")?.source;
      if (answer !== undefined) found.set(`${notebook.notebook}\0${row.cell}`, { row, answer });
    }
  }
  return found;
}

/**
 * A regraded student keeps the hand grades of written answers whose text did not change (a resubmission
 * that touched only code cells does not undo a person's work); a changed answer waits for a person again.
 */
export function keepHandGrades(previous: StudentResult | undefined, next: StudentResult): StudentResult {
  const kept = handGradedAnswers(previous);
  if (kept.size === 0) return next;
  for (const notebook of next.notebooks) {
    notebook.rows = notebook.rows.map((row) => {
      const before = kept.get(`${notebook.notebook}\0${row.cell}`);
      const answer = notebook.feedback.find((f) => f.cell === row.cell && f.kind === "manual")?.source;
      if (!before || row.status !== "manual" || answer !== before.answer) return row;
      return { ...row, points: before.row.points, message: before.row.message, comment: before.row.comment };
    });
  }
  return next;
}
