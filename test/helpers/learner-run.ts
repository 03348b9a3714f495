// Runs notebooks the way a learner would (some answer cells replaced by wrong ones) through the real kernel, and checks the feedback.
import * as path from "path";
import { expect, it } from "vitest";
import { readNotebook, type Cell, type Notebook } from "../../src/notebook/nbformat";
import { executeNotebook, type NotebookResult } from "../../src/notebook/execute";
import { startJupyterServer } from "../../src/notebook/server";

export const NOTEBOOKS = path.resolve(__dirname, "..", "..", "notebooks");

export interface LearnerRun {
  /** notebook file name under notebooks/ */
  file: string;
  /** answer cell id → the learner's source for it */
  answers: { [answerCellId: string]: string };
  /** which cells to run (a learner path need not run the whole notebook); all when left out */
  keep?: (cell: Cell, index: number, cells: Cell[]) => boolean;
  /** cells to run after the kept ones, as a learner reruns them: a cell id, with new source for an answer cell */
  then?: { id: string; source?: string }[];
}

/** A copy of `nb` holding only the kept cells, with each answer cell's source replaced by the learner's. */
export function learnerCopy(nb: Notebook, run: LearnerRun): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  if (run.keep) copy.cells = copy.cells.filter(run.keep);
  for (const cell of copy.cells) if (cell.id in run.answers) cell.source = run.answers[cell.id];
  (run.then ?? []).forEach((step, i) => {
    const original = nb.cells.find((c) => c.id === step.id);
    if (!original) throw new Error(`learnerCopy: no cell "${step.id}" in ${run.file}`);
    const again = JSON.parse(JSON.stringify(original)) as Cell;
    again.id = `${step.id}-again-${i}`;
    if (step.source !== undefined) again.source = step.source;
    copy.cells.push(again);
  });
  return copy;
}

/**
 * Runs each learner copy in order on one Jupyter server, going on past errors (the wrong answers are meant to
 * fail), and stops the server even when a run throws.
 */
export async function runAsLearner(runs: LearnerRun[]): Promise<NotebookResult[]> {
  const server = await startJupyterServer({ rootDir: NOTEBOOKS });
  try {
    const results: NotebookResult[] = [];
    for (const run of runs) {
      const nb = learnerCopy(readNotebook(path.join(NOTEBOOKS, run.file)), run);
      results.push(await executeNotebook(server, nb, { cwd: NOTEBOOKS, continueOnError: true, cellTimeoutMs: 120_000 }));
    }
    return results;
  } finally {
    await server.stop();
  }
}

/** One test per test cell: it must fail with ExerciseError and its message must name the mistake. */
export function itGivesFeedback(result: () => NotebookResult, feedback: { [testCellId: string]: RegExp }): void {
  for (const [cellId, expected] of Object.entries(feedback)) {
    it(`${cellId} fails with ExerciseError and names the mistake`, () => {
      const cell = result().cells.find((c) => c.id === cellId);
      expect(cell, `cell ${cellId} ran`).toBeDefined();
      expect(cell!.status).toBe("error");
      expect(cell!.ename).toBe("ExerciseError");
      expect(cell!.evalue).toMatch(expected);
    });
  }
}
