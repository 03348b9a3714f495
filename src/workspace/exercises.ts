// The exercises of a workspace: each notebook's code answer cells (nbgrader solution: true), by grade id,
// and the checks that grade each one (a test cell "<check id>-tests" belongs to the answer cell before it).

import * as fs from "node:fs";
import * as path from "node:path";
import { gradeIdOf, isAutogradedTest, isSolution, type Notebook } from "../grading/cells";
import { parseNotebook } from "../notebook/nbformat";

export interface NotebookExercises {
  /** The workspace file name, e.g. "03-trace-a-gradient.ipynb". */
  notebook: string;
  gradeIds: string[];
  /** Check id (what check() records) → the answer's grade id; an answer with no test cell is its own check. */
  checks: { [checkId: string]: string };
}

const TESTS_SUFFIX = "-tests";

/** Answer grade ids in order, and which answer each test cell's check belongs to. */
export function exercisesOf(notebook: Notebook): { gradeIds: string[]; checks: { [checkId: string]: string } } {
  const gradeIds: string[] = [];
  const checks: { [checkId: string]: string } = {};
  let answer: string | undefined;
  for (const cell of notebook.cells) {
    const id = gradeIdOf(cell);
    if (id === undefined) continue;
    if (cell.cell_type === "code" && isSolution(cell)) {
      answer = id;
      if (!gradeIds.includes(id)) gradeIds.push(id);
    } else if (isAutogradedTest(cell) && answer !== undefined && id.endsWith(TESTS_SUFFIX)) {
      checks[id.slice(0, -TESTS_SUFFIX.length)] = answer;
    }
  }
  for (const id of gradeIds) if (!Object.values(checks).includes(id)) checks[id] = id;
  return { gradeIds, checks };
}

/**
 * Every notebook at the workspace root that has exercises, in file-name order. Written answers
 * (markdown) are left out: no check() runs for them, so they could never count as passed.
 */
export function workspaceExercises(root: string): { notebooks: NotebookExercises[]; unreadable: string[] } {
  const notebooks: NotebookExercises[] = [];
  const unreadable: string[] = [];
  for (const name of fs.readdirSync(root).sort()) {
    if (!name.endsWith(".ipynb")) continue;
    let notebook: Notebook;
    try {
      notebook = parseNotebook(fs.readFileSync(path.join(root, name), "utf8"), name);
    } catch {
      unreadable.push(name);
      continue;
    }
    const { gradeIds, checks } = exercisesOf(notebook);
    if (gradeIds.length > 0) notebooks.push({ notebook: name, gradeIds, checks });
  }
  return { notebooks, unreadable };
}
