// One HTML feedback report per student: scores per cell, messages, answers; hidden tests redacted.

import * as fs from "node:fs";
import * as path from "node:path";
import { escapeHtml } from "../display/html";
import { StudentResult, totalsOf } from "./gradebook";

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eaeef2; }
.passed { color: #1a7f37; } .partial { color: #9a6700; } .manual { color: #0969da; }
.failed, .unanswered, .timeout, .died { color: #cf222e; } .not-graded { color: #57606a; font-style: italic; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: .85rem; }
.note { color: #57606a; font-size: .9rem; }`;

function points(value: number | null): string {
  return value === null ? "–" : String(Math.round(value * 100) / 100);
}

export function feedbackHtml(result: StudentResult): string {
  const total = totalsOf([result])[0];
  const parts: string[] = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>Feedback: ${escapeHtml(result.student)}</title><style>${STYLE}</style></head><body>`,
    `<h1>Feedback for ${escapeHtml(result.student)}</h1>`,
    `<p>Score: <strong>${points(total.points)} / ${points(total.max)}</strong>` +
      (total.manualPending > 0 ? ` (${total.manualPending} written answer(s) still to be graded by hand)` : "") +
      (total.notGraded > 0 ? ` (${total.notGraded} cell(s) not graded yet: the grader failed, not your code; they count once graded)` : "") + "</p>",
  ];
  for (const note of result.notes ?? []) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  for (const notebook of result.notebooks) {
    parts.push(`<h2>${escapeHtml(notebook.notebook)}</h2>`);
    for (const note of notebook.notes) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
    parts.push("<table><tr><th>cell</th><th>points</th><th>status</th><th>message</th></tr>");
    for (const row of notebook.rows) {
      parts.push(
        `<tr><td>${escapeHtml(row.cell)}</td><td>${points(row.points)} / ${points(row.max)}</td>` +
          `<td class="${row.status.replace(/ /g, "-")}">${row.status}</td><td>${escapeHtml(row.message)}</td></tr>`,
      );
    }
    parts.push("</table>");
    for (const cell of notebook.feedback) {
      parts.push(`<h3>${escapeHtml(cell.cell)} <small>(${cell.kind})</small></h3><pre>${escapeHtml(cell.source)}</pre>`);
      if (cell.output) parts.push(`<pre>${escapeHtml(cell.output)}</pre>`);
    }
  }
  parts.push("</body></html>\n");
  return parts.join("\n");
}

/** Writes feedback/<student>.html for each result; returns the paths. */
export function writeFeedback(outDir: string, results: StudentResult[]): string[] {
  const dir = path.join(outDir, "feedback");
  fs.mkdirSync(dir, { recursive: true });
  return results.map((result) => {
    const file = path.join(dir, `${result.student}.html`);
    fs.writeFileSync(file, feedbackHtml(result));
    return file;
  });
}
