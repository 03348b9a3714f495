// progressReport(): the welcome notebook's view of the learner's progress, a chart and a table.

import { displayBundle } from "../display/display";
import { escapeHtml } from "../display/html";
import { show } from "../plot/show";
import { workspaceExercises } from "./exercises";
import { findWorkspace } from "./layout";
import { readProgress } from "./progress-records";
import { progressChart } from "./progress-chart";
import { NotebookProgress, progressTable, summarizeProgress } from "./progress-summary";

/** The numbers behind the report, for the workspace holding `from` (the kernel's folder); undefined outside one. */
export function workspaceProgress(from: string = process.cwd()): { rows: NotebookProgress[]; skipped: number; unreadable: string[] } | undefined {
  const workspace = findWorkspace(from);
  if (workspace === undefined) return undefined;
  const { notebooks, unreadable } = workspaceExercises(workspace.root);
  const { records, skipped } = readProgress(workspace.progress);
  return { rows: summarizeProgress(notebooks, records), skipped, unreadable };
}

function tableHTML(rows: NotebookProgress[]): string {
  const cell = (text: string | number, tag = "td") => `<${tag} style="text-align:${typeof text === "number" ? "right" : "left"};padding:2px 10px">${escapeHtml(String(text))}</${tag}>`;
  const head = `<tr>${["notebook", "passed", "attempted", "not started"].map((h) => cell(h, "th")).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${cell(r.notebook.replace(/\.ipynb$/, ""))}${cell(r.passed)}${cell(r.attempted)}${cell(r.notStarted)}</tr>`).join("");
  return `<table class="bpl-progress-table">${head}${body}</table>`;
}

/** Shows the progress chart and table; outside a workspace, says where progress is kept instead. */
export function progressReport(): void {
  const progress = workspaceProgress();
  if (progress === undefined) {
    const text = "Your progress shows here when you open this notebook from your workspace (the folder `npm start` opens).";
    displayBundle({ "text/plain": text, "text/markdown": text });
    return;
  }
  show(progressChart(progress.rows));
  const notes = [
    progress.skipped > 0 ? `(${progress.skipped} unreadable line(s) in the progress log were skipped)` : "",
    progress.unreadable.length > 0 ? `(not counted, not readable as notebooks: ${progress.unreadable.join(", ")})` : "",
  ].filter(Boolean);
  displayBundle({
    "text/html": tableHTML(progress.rows) + notes.map((n) => `<p>${escapeHtml(n)}</p>`).join(""),
    "text/plain": [progressTable(progress.rows), ...notes].join("\n"),
  });
}
