// Three-way merge of a learner notebook into a new curriculum version: the learner's work always survives.
//
// base = the learner version the notebook was made from, next = the learner version of the new source,
// mine = what the learner has now. Cells are matched by grade id, then cell id, with autograde's own
// matching (grading/rebuild.ts). Per cell: unchanged by the learner → the new version; changed by the
// learner only → theirs; changed by both → both, one line in `conflicts`. Cells the learner added stay
// after the cell they followed; an answer cell the learner deleted comes back unanswered; an answer
// whose exercise moved to another notebook (carry.ts) stays as a plain cell under a note saying where.

import { Cell, Notebook, cloneNotebook, gradeIdOf } from "../grading/cells";
import { rebuildSubmission, submissionCells } from "../grading/rebuild";
import { sourceOf } from "../grading/cells";
import { newCellId, splitLines } from "../notebook/nbformat";

export interface MergeResult {
  notebook: Notebook;
  /** Answers (grade ids) the learner had written, carried into the new version. */
  answersKept: string[];
  /** Answers (grade ids) whose exercise moved to another notebook: kept here as a copy, under a note saying where. */
  answersMoved: string[];
  /** One line per cell where both sides changed (both versions are in the notebook). */
  conflicts: string[];
  /** Other things worth one line: restored answer cells, kept copies of removed cells. */
  notes: string[];
}

const normalize = (text: string): string => text.replace(/\s+$/, "");

export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  return a !== undefined && b !== undefined && a.cell_type === b.cell_type && normalize(sourceOf(a)) === normalize(sourceOf(b));
}

const copy = (cell: Cell): Cell => structuredClone(cell);

/** A cell with no grading role, marked with why it is there, so it never competes with a tracked cell. */
export function plainCopy(cell: Cell, why: string): Cell {
  const out = copy(cell);
  delete out.metadata.nbgrader;
  delete out.metadata.editable;
  delete out.metadata.deletable;
  out.metadata.backprop_lab = { kept: why };
  return out;
}

/** The learner's cell as it is (outputs included) in the place of `incoming`, with the new grading metadata. */
export function inPlaceOf(theirs: Cell, incoming: Cell): Cell {
  const out = copy(theirs);
  out.id = incoming.id;
  if (incoming.metadata.nbgrader !== undefined) out.metadata = { ...out.metadata, nbgrader: incoming.metadata.nbgrader };
  return out;
}

/** The note above an answer whose exercise moved: the learner sees where it went without reading metadata. */
function movedNote(gradeId: string, to: string): Cell {
  const text = `**Exercise "${gradeId}" is now in ${to}**, and your answer below was copied there. This copy is yours to keep or delete.`;
  return { cell_type: "markdown", id: newCellId(), metadata: { backprop_lab: { kept: `where "${gradeId}" went` } }, source: splitLines(text) };
}

function fresh(cell: Cell): Cell {
  const out = copy(cell);
  if (out.cell_type === "code") {
    out.outputs = [];
    out.execution_count = null;
  }
  return out;
}

/** How a learner finds the cell: its exercise id, else its kind and first words. */
function describe(cell: Cell): string {
  const gid = gradeIdOf(cell);
  if (gid !== undefined) return `"${gid}"`;
  const first = sourceOf(cell).trim().split("\n")[0];
  return `the ${cell.cell_type} cell "${first.length > 40 ? `${first.slice(0, 40)}…` : first}"`;
}

function indexBy(cells: Cell[]): { byGradeId: Map<string, Cell>; byId: Map<string, Cell> } {
  const byGradeId = new Map<string, Cell>();
  const byId = new Map<string, Cell>();
  for (const cell of cells) {
    const gid = gradeIdOf(cell);
    if (gid !== undefined) byGradeId.set(gid, cell);
    if (typeof cell.id === "string") byId.set(cell.id, cell);
  }
  return { byGradeId, byId };
}

/** `movedTo`: grade id → the workspace notebook the exercise (and the learner's answer) moved to. */
export function mergeLearnerNotebook(base: Notebook | undefined, next: Notebook, mine: Notebook, movedTo = new Map<string, string>()): MergeResult {
  const plan = rebuildSubmission(next, next, mine);
  const learner = submissionCells(mine, []); // the same cell list the plan's studentIndex refers to
  const baseIndex = indexBy((base ?? next).cells);
  const baseOf = (cell: Cell): Cell | undefined => {
    const gid = gradeIdOf(cell);
    return (gid !== undefined ? baseIndex.byGradeId.get(gid) : undefined) ?? (typeof cell.id === "string" ? baseIndex.byId.get(cell.id) : undefined);
  };
  const answersKept: string[] = [];
  const answersMoved: string[] = [];
  const conflicts: string[] = [];
  const notes: string[] = [];

  // groups[k + 1] holds the output cells for planned cell k; groups[0] what comes before the first.
  const sourcePlan = plan.cells.filter((planned) => planned.role !== "extra");
  const groups: Cell[][] = [[]];
  const groupOfStudent = new Map<number, number>();
  sourcePlan.forEach((planned, k) => {
    const group: Cell[] = [];
    groups.push(group);
    const incoming = fresh(next.cells[planned.sourceIndex!]);
    const i = planned.studentIndex;
    if (i === undefined) {
      group.push(incoming);
      if (planned.role === "answer" && base !== undefined && baseOf(incoming) !== undefined) {
        notes.push(`answer cell "${planned.gradeId}" was missing; it is back, unanswered`);
      }
      return;
    }
    groupOfStudent.set(i, k + 1);
    const theirs = learner[i];
    const before = baseOf(incoming) ?? incoming;
    const learnerChanged = !sameCell(theirs, before);
    const upstreamChanged = !sameCell(incoming, before);
    const kept = (): Cell => inPlaceOf(theirs, incoming);
    if (!learnerChanged) {
      group.push(sameCell(theirs, incoming) ? kept() : incoming);
    } else if (planned.role === "answer") {
      group.push(kept());
      answersKept.push(planned.gradeId!);
      if (upstreamChanged) {
        group.push(plainCopy(incoming, `new starting code of "${planned.gradeId}"`));
        conflicts.push(`the starting code of exercise "${planned.gradeId}" changed: your answer is kept, the new starting code is in the cell below it`);
      }
    } else if (!upstreamChanged) {
      group.push(kept());
    } else {
      group.push(incoming);
      group.push(plainCopy(theirs, `your edit of ${describe(incoming)}`));
      conflicts.push(`${describe(incoming)} changed in the curriculum and you had edited it: the new version is in place, yours is in the cell below it`);
    }
  });

  // Every learner cell the plan did not use: added cells, duplicates, cells the curriculum removed.
  learner.forEach((cell, i) => {
    if (groupOfStudent.has(i)) return;
    const before = baseOf(cell);
    if (before !== undefined && sameCell(cell, before)) return; // an untouched curriculum cell: nothing of the learner's in it
    let anchor = 0;
    for (let j = i - 1; j >= 0; j--) {
      const group = groupOfStudent.get(j);
      if (group !== undefined) {
        anchor = group;
        break;
      }
    }
    const gid = gradeIdOf(cell);
    const movedAway = gid !== undefined ? movedTo.get(gid) : undefined;
    if (gid !== undefined && plan.cells.some((planned) => planned.gradeId === gid)) {
      notes.push(`a second copy of "${gid}" is kept as a plain cell after it`);
      groups[anchor].push(plainCopy(cell, `a second copy of "${gid}"`));
    } else if (movedAway !== undefined) {
      answersMoved.push(gid!);
      groups[anchor].push(movedNote(gid!, movedAway), plainCopy(cell, `your answer to "${gid}", which moved to ${movedAway}`));
    } else if (before !== undefined) {
      notes.push(`${describe(cell)} was removed from the curriculum; your edited copy is kept`);
      groups[anchor].push(plainCopy(cell, `your edit of ${describe(cell)}, which the curriculum removed`));
    } else {
      groups[anchor].push(copy(cell));
    }
  });

  const notebook = cloneNotebook(next);
  notebook.cells = groups.flat();
  const seen = new Set<string>();
  for (const cell of notebook.cells) {
    if (typeof cell.id !== "string" || seen.has(cell.id)) cell.id = newCellId();
    seen.add(cell.id);
  }
  return { notebook, answersKept, answersMoved, conflicts, notes };
}
