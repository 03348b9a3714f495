// showSolution: the worked solution of an exercise, for self-study, only when the learner asks and only in a workspace.
//
// Solutions come from `<workspace>/.backprop-lab/solutions.json` (written when the workspace is built from the
// instructor's notebooks). Anywhere else (notebooks/, a graded release) there is none to show, and it says so.

import { readFileSync } from "fs";
import path from "path";
import { displayBundle } from "../display/display";
import { freeze, hasOwn } from "./intrinsics";
import { findWorkspaceMarker } from "./workspace-marker";
import { answerIdOf } from "./keys/registry";

function readSolutions(): { [gradeId: string]: string } | undefined {
  const marker = findWorkspaceMarker();
  if (marker === undefined) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path.join(marker, "solutions.json"), "utf8")) as unknown;
    return parsed !== null && typeof parsed === "object" ? (parsed as { [gradeId: string]: string }) : undefined;
  } catch {
    return undefined;
  }
}

/** True when this workspace can show solutions (checks then point stuck learners to showSolution). */
export function solutionsAvailable(): boolean {
  return readSolutions() !== undefined;
}

function show(text: string): void {
  displayBundle({ "text/plain": text, "text/markdown": text });
}

/** Shows the solution of the exercise `gradeId` (an answer's or a check's grade id), when this workspace has it. */
export function showSolution(gradeId: string): void {
  if (typeof gradeId !== "string") throw new TypeError(`showSolution: gradeId must be a string like "ch03-forward", got ${typeof gradeId}`);
  const solutions = readSolutions();
  if (solutions === undefined) {
    show("Solutions are not available here: they are shown only in a self-study workspace (`npm start`).");
    return;
  }
  const answerId = answerIdOf(gradeId);
  if (!hasOwn(solutions, answerId) || typeof solutions[answerId] !== "string") {
    show(`There is no stored solution for "${gradeId}". Grade ids are written in each exercise's check, e.g. check("ch03-forward", …).`);
    return;
  }
  show(`Solution of ${answerId}:\n\n\`\`\`ts\n${solutions[answerId]}\n\`\`\``);
}

freeze(showSolution);
