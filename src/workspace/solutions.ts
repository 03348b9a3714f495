// Solutions for self-study: grade id of each answer cell → its instructor source, markers removed.

import { Notebook, gradeIdOf, isSolution, sourceOf } from "../grading/cells";
import { BEGIN_SOLUTION, END_SOLUTION } from "../grading/markers";

export type Solutions = { [gradeId: string]: string };

/** The solution text of every answer cell of an instructor notebook. */
export function solutionsOf(source: Notebook): Solutions {
  const out: Solutions = {};
  for (const cell of source.cells) {
    const id = gradeIdOf(cell);
    if (id === undefined || !isSolution(cell)) continue;
    // The marker lines are grading machinery; a learner reads the code between them.
    out[id] = sourceOf(cell)
      .split("\n")
      .filter((line) => !line.includes(BEGIN_SOLUTION) && !line.includes(END_SOLUTION))
      .join("\n");
  }
  return out;
}
