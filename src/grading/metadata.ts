// Validation of nbgrader cell metadata (schema version 3), with errors that name the cell and the rule.

import { Cell, Notebook, nbgraderOf, sourceOf } from "./cells";
import { BEGIN_HIDDEN, BEGIN_SOLUTION, hasMarker } from "./markers";

const ALLOWED_KEYS = new Set(["schema_version", "grade", "grade_id", "locked", "points", "solution", "task", "checksum", "cell_type"]);
const GRADE_ID = /^[a-zA-Z0-9_-]+$/;

/** Where a cell is, for messages: `cell 4 (grade_id "q1-tests")`. */
export function describeCell(cell: Cell, index: number): string {
  const id = nbgraderOf(cell)?.grade_id;
  return typeof id === "string" && id.length > 0 ? `cell ${index} (grade_id "${id}")` : `cell ${index}`;
}

/** Every problem with the notebook's nbgrader metadata; empty when it is valid. */
export function validateNbgraderMetadata(notebook: Notebook): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  notebook.cells.forEach((cell, index) => {
    const meta = nbgraderOf(cell);
    const where = describeCell(cell, index);
    const source = sourceOf(cell);
    if (meta === undefined) {
      if (hasMarker(source, BEGIN_SOLUTION)) problems.push(`${where}: has "${BEGIN_SOLUTION}" but is not a solution cell (set nbgrader.solution: true)`);
      if (hasMarker(source, BEGIN_HIDDEN)) problems.push(`${where}: has "${BEGIN_HIDDEN}" but is not a grade cell (set nbgrader.grade: true)`);
      return;
    }
    for (const key of Object.keys(meta)) {
      if (!ALLOWED_KEYS.has(key)) problems.push(`${where}: unknown nbgrader key "${key}" (schema 3 allows ${[...ALLOWED_KEYS].join(", ")})`);
    }
    if (meta.schema_version !== 3) problems.push(`${where}: nbgrader.schema_version must be 3, got ${JSON.stringify(meta.schema_version)}`);
    for (const key of ["grade", "locked", "solution"] as const) {
      if (typeof meta[key] !== "boolean") problems.push(`${where}: nbgrader.${key} must be true or false, got ${JSON.stringify(meta[key])}`);
    }
    if (meta.task !== undefined && typeof meta.task !== "boolean") problems.push(`${where}: nbgrader.task must be true or false, got ${JSON.stringify(meta.task)}`);
    const tracked = meta.grade === true || meta.solution === true || meta.locked === true || meta.task === true;
    const id = meta.grade_id;
    if (tracked) {
      if (typeof id !== "string" || id.length === 0) problems.push(`${where}: nbgrader.grade_id is required for a grade, solution, locked or task cell`);
      else if (!GRADE_ID.test(id)) problems.push(`${where}: nbgrader.grade_id may hold only letters, digits, "_" and "-", got "${id}"`);
      else if (seen.has(id)) problems.push(`${where}: duplicate grade_id "${id}" (first used by cell ${seen.get(id)})`);
      else seen.set(id, index);
    }
    if (meta.grade === true || meta.task === true) {
      const points = meta.points;
      if (typeof points !== "number" || !Number.isFinite(points) || points < 0) {
        problems.push(`${where}: nbgrader.points must be a number >= 0 for a graded cell, got ${JSON.stringify(points)}`);
      }
    } else if (meta.points !== undefined && (typeof meta.points !== "number" || meta.points < 0)) {
      problems.push(`${where}: nbgrader.points must be a number >= 0, got ${JSON.stringify(meta.points)}`);
    }
    if (meta.task === true && cell.cell_type !== "markdown") problems.push(`${where}: a task cell must be markdown, got ${cell.cell_type}`);
    if (meta.task === true && (meta.grade === true || meta.solution === true)) problems.push(`${where}: a task cell cannot also be a grade or solution cell`);
    if (cell.cell_type === "markdown" && meta.task !== true && meta.grade === true && meta.solution !== true) {
      problems.push(`${where}: a graded markdown cell must also be a solution cell (a written answer)`);
    }
    if (meta.checksum !== undefined && (typeof meta.checksum !== "string" || !/^[0-9a-f]{32}$/.test(meta.checksum))) {
      problems.push(`${where}: nbgrader.checksum must be a 32-character md5 hex digest`);
    }
    if (hasMarker(source, BEGIN_SOLUTION) && meta.solution !== true) problems.push(`${where}: has "${BEGIN_SOLUTION}" but nbgrader.solution is not true`);
    if (hasMarker(source, BEGIN_HIDDEN) && !(meta.grade === true && meta.solution !== true)) problems.push(`${where}: has "${BEGIN_HIDDEN}" but is not an autograded test cell`);
  });
  return problems;
}

export class MetadataError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: invalid nbgrader metadata:\n  ${problems.join("\n  ")}`);
    this.name = "MetadataError";
  }
}

/** Throws a MetadataError listing every problem, or returns quietly. */
export function assertValidMetadata(notebook: Notebook, file: string): void {
  const problems = validateNbgraderMetadata(notebook);
  if (problems.length > 0) throw new MetadataError(file, problems);
}
