// Answers that follow their exercise into another notebook, gathered from every workspace notebook before any is rewritten.
//
// An exercise (grade id) moves when the curriculum now holds it in a notebook other than the one the
// learner answered it in. The plan is made from the files as they are, so the order notebooks are then
// synced in does not matter; the answer is put in place in the new notebook (carryInto) while the old
// notebook keeps its copy under a note (merge.ts). Answers still as released are not carried.

import * as fs from "node:fs";
import * as path from "node:path";
import { gradeIdOf, isSolution, type Cell, type Notebook } from "../grading/cells";
import type { CourseNotebook } from "../grading/course";
import { newCellId, parseNotebook } from "../notebook/nbformat";
import type { LearnerCopy } from "./copies";
import { inPlaceOf, plainCopy, sameCell } from "./merge";
import type { WorkspaceState } from "./state";

export interface CarriedAnswer {
  gradeId: string;
  /** The workspace file the learner answered it in. */
  fromFile: string;
  /** The learner's answer cell there. */
  answer: Cell;
}

export interface CarryPlan {
  /** Source notebook the exercise now lives in → the answers to bring into its workspace copy. */
  into: Map<string, CarriedAnswer[]>;
  /** Workspace file an answer comes from → grade id → the workspace file its exercise is now in. */
  movedFrom: Map<string, Map<string, string>>;
  /** One line per unreadable notebook whose answers could be wanted elsewhere and that no update will report. */
  lines: string[];
}

export interface CarryInput {
  root: string;
  state: WorkspaceState;
  course: CourseNotebook[];
  copies: LearnerCopy[];
  /** The release a source's workspace copy was made from (the blank to compare answers with). */
  releaseOf: (source: string) => Notebook | undefined;
  /** The source is in the course and unchanged since its copy was made: nothing can have moved out of it. */
  unchanged: (source: string) => boolean;
  /** How a workspace file is named in report lines. */
  shown: (file: string) => string;
}

/** Answer cells by grade id (the first, when a notebook holds two). */
function answersOf(notebook: Notebook): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const cell of notebook.cells) {
    const gid = gradeIdOf(cell);
    if (gid !== undefined && isSolution(cell) && !out.has(gid)) out.set(gid, cell);
  }
  return out;
}

/** Why a notebook could not be read, without the file name the parser puts first. */
export function unreadableReason(error: unknown, shown: string): string {
  return (error as Error).message.replace(`${shown}: `, "");
}

export function planCarries(input: CarryInput): CarryPlan {
  const { root, state, course } = input;
  const plan: CarryPlan = { into: new Map(), movedFrom: new Map(), lines: [] };
  const current = new Map(course.map((entry) => [entry.name, answersOf(entry.release)]));
  const home = new Map<string, { source: string; blank: Cell }>(); // grade id → where the curriculum holds it now
  for (const [source, answers] of current) for (const [gid, blank] of answers) if (!home.has(gid)) home.set(gid, { source, blank });
  const moved = (from: string, gid: string): { source: string; blank: Cell } | undefined => {
    const to = home.get(gid);
    return to !== undefined && to.source !== from && current.get(from)?.has(gid) !== true ? to : undefined;
  };

  for (const copy of input.copies) {
    if (input.unchanged(copy.source)) continue;
    const base = input.releaseOf(copy.source);
    const released = base !== undefined ? answersOf(base) : new Map<string, Cell>();
    const movedOut = [...released.keys()].filter((gid) => moved(copy.source, gid) !== undefined);
    if (base !== undefined && movedOut.length === 0) continue; // nothing of it moved: no need to read it on every start
    let mine: Notebook;
    try {
      mine = parseNotebook(fs.readFileSync(path.join(root, copy.file), "utf8"), input.shown(copy.file));
    } catch (error) {
      // A source still in the course gets its line from its own update; a removed one is never updated.
      if (!current.has(copy.source) && movedOut.length > 0) {
        const shown = input.shown(copy.file);
        plan.lines.push(`${shown} is not a readable notebook (${unreadableReason(error, shown)}): any answers of yours to ${movedOut.map((gid) => `"${gid}"`).join(", ")} in it could not be carried to where those exercises are now; fix it (or delete it) and run npm start again`);
      }
      continue;
    }
    for (const [gid, answer] of answersOf(mine)) {
      const to = moved(copy.source, gid);
      if (to === undefined || sameCell(answer, released.get(gid) ?? to.blank)) continue; // not moved, or never answered
      const toFile = state.notebooks[to.source]?.file ?? to.source;
      if (toFile === copy.file) continue;
      plan.movedFrom.set(copy.file, (plan.movedFrom.get(copy.file) ?? new Map()).set(gid, toFile));
      if (state.notebooks[to.source]?.carried?.[gid] !== undefined) continue; // carried on an earlier start
      plan.into.set(to.source, [...(plan.into.get(to.source) ?? []), { gradeId: gid, fromFile: copy.file, answer }]);
    }
  }
  return plan;
}

export interface Carried extends CarriedAnswer {
  /** "in place": the answer fills the blank cell; "beside": the learner had answered here too, both kept; "present": already here. */
  how: "in place" | "beside" | "present";
}

/** Puts each answer into `notebook` (the merged or new workspace copy); `release` gives the blank answer cells. */
export function carryInto(notebook: Notebook, release: Notebook, answers: CarriedAnswer[]): Carried[] {
  const blanks = answersOf(release);
  const done: Carried[] = [];
  for (const carried of answers) {
    const at = notebook.cells.findIndex((cell) => gradeIdOf(cell) === carried.gradeId && isSolution(cell));
    if (at < 0) continue; // the merge always brings the release's answer cells back; nothing to fill otherwise
    if (notebook.cells.some((cell) => sameCell(cell, carried.answer))) {
      done.push({ ...carried, how: "present" });
    } else if (sameCell(notebook.cells[at], blanks.get(carried.gradeId))) {
      notebook.cells[at] = inPlaceOf(carried.answer, notebook.cells[at]);
      done.push({ ...carried, how: "in place" });
    } else {
      const beside = plainCopy(carried.answer, `your answer to "${carried.gradeId}" from ${carried.fromFile}`);
      beside.id = newCellId(); // its id is the answer cell's, which this notebook already has
      notebook.cells.splice(at + 1, 0, beside);
      done.push({ ...carried, how: "beside" });
    }
  }
  return done;
}
