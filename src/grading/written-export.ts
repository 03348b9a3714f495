// Writes each written question of a class as HTML for reading and CSV for scores and comments.

import * as fs from "node:fs";
import * as path from "node:path";
import { escapeHtml } from "../display/html";
import { csvField } from "./csv-field";
import { WrittenQuestion } from "./written-answers";

/** Columns of a written-answers CSV; import reads student, notebook, cell, points and comment. */
export const WRITTEN_COLUMNS = ["student", "notebook", "cell", "max", "points", "comment"] as const;

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; border-bottom: 1px solid #d0d7de; }
.answer, .model { white-space: pre-wrap; background: #f6f8fa; padding: .6rem; border-radius: 4px; }
.model { background: #dafbe1; } .grade { color: #57606a; font-size: .9rem; }`;

/** File name (without extension) of a question's export: notebook stem and grade id. */
export function questionFileStem(question: Pick<WrittenQuestion, "notebook" | "cell">): string {
  return `${question.notebook.replace(/\.ipynb$/, "")}.${question.cell}`;
}

export function questionCsv(question: WrittenQuestion): string {
  const lines = [WRITTEN_COLUMNS.join(",")];
  for (const a of question.answers) {
    const row = { student: a.student, notebook: question.notebook, cell: question.cell, max: question.max, points: a.points, comment: a.comment };
    lines.push(WRITTEN_COLUMNS.map((column) => csvField(row[column])).join(","));
  }
  return lines.join("\n") + "\n";
}

export function questionHtml(question: WrittenQuestion): string {
  const title = `${question.notebook} · ${question.cell} (${question.max} point${question.max === 1 ? "" : "s"})`;
  const parts = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
  ];
  if (question.prompt) parts.push(`<h2>Question</h2><div class="answer">${escapeHtml(question.prompt)}</div>`);
  parts.push(`<h2>Model answer</h2><div class="model">${escapeHtml(question.modelAnswer)}</div>`);
  parts.push(`<p>Scores and comments go into <code>${escapeHtml(questionFileStem(question))}.csv</code>; ${question.answers.length} answer(s) below.</p>`);
  if (question.unanswered.length > 0) parts.push(`<p class="grade">Not answered (0 points, nothing to grade): ${escapeHtml(question.unanswered.join(", "))}</p>`);
  for (const a of question.answers) {
    const grade = a.points === null ? "not graded yet" : `${a.points} / ${question.max}${a.comment ? ` — ${a.comment}` : ""}`;
    parts.push(`<h2 id="${escapeHtml(a.student)}">${escapeHtml(a.student)}</h2><div class="answer">${escapeHtml(a.answer)}</div><p class="grade">${escapeHtml(grade)}</p>`);
  }
  parts.push("</body></html>\n");
  return parts.join("\n");
}

/** Writes <dir>/<notebook stem>.<grade id>.html and .csv for each question; returns the CSV paths. */
export function writeWrittenExport(dir: string, questions: WrittenQuestion[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return questions.map((question) => {
    const stem = path.join(dir, questionFileStem(question));
    fs.writeFileSync(`${stem}.html`, questionHtml(question));
    fs.writeFileSync(`${stem}.csv`, questionCsv(question));
    return `${stem}.csv`;
  });
}
