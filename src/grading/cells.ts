// Notebook and cell shapes the grader reads, and nbgrader's predicates over cell metadata.
import { joinSource, splitLines, type Cell, type Notebook } from "../notebook/nbformat";

/** The nbgrader block of a cell's metadata (schema version 3). */
export interface NbgraderMeta {
  schema_version?: number;
  grade?: boolean;
  grade_id?: string;
  locked?: boolean;
  points?: number;
  solution?: boolean;
  task?: boolean;
  checksum?: string;
  cell_type?: string;
  [key: string]: unknown;
}

/** The grader reads the same nbformat model as everything else; nbgrader's block lives in `metadata.nbgrader`. */
export type { Cell, Notebook };

/** A cell's source as one string (nbformat allows a list of lines). */
export function sourceOf(cell: Cell): string {
  return joinSource(cell.source);
}

export function nbgraderOf(cell: Cell): NbgraderMeta | undefined {
  const meta = cell.metadata?.nbgrader;
  return meta !== null && typeof meta === "object" && !Array.isArray(meta) ? (meta as NbgraderMeta) : undefined;
}

export function isGrade(cell: Cell): boolean {
  return nbgraderOf(cell)?.grade === true;
}

export function isSolution(cell: Cell): boolean {
  return nbgraderOf(cell)?.solution === true;
}

export function isTask(cell: Cell): boolean {
  return nbgraderOf(cell)?.task === true;
}

/** nbgrader's rule: solution cells are never locked, grade cells always are, others as marked. */
export function isLocked(cell: Cell): boolean {
  const meta = nbgraderOf(cell);
  if (meta === undefined) return false;
  if (meta.solution === true) return false;
  if (meta.grade === true) return true;
  return meta.locked === true;
}

/** Any nbgrader role at all (the cells the grader tracks by grade_id). */
export function isTracked(cell: Cell): boolean {
  const meta = nbgraderOf(cell);
  return meta !== undefined && (meta.grade === true || meta.solution === true || meta.locked === true || meta.task === true);
}

export function gradeIdOf(cell: Cell): string | undefined {
  const id = nbgraderOf(cell)?.grade_id;
  return typeof id === "string" && id.length > 0 ? id : undefined;
}

export function pointsOf(cell: Cell): number {
  const points = nbgraderOf(cell)?.points;
  return typeof points === "number" && Number.isFinite(points) ? points : 0;
}

/** An autograded test cell: a code cell that is graded and is not itself an answer. */
export function isAutogradedTest(cell: Cell): boolean {
  return cell.cell_type === "code" && isGrade(cell) && !isSolution(cell);
}

/** A cell graded by a person: a graded answer (markdown or code), or a markdown task. */
export function isManuallyGraded(cell: Cell): boolean {
  return (isGrade(cell) && isSolution(cell)) || (isTask(cell) && cell.cell_type === "markdown");
}

/** A deep copy, so pipeline steps never share cells between notebooks. */
export function cloneNotebook(notebook: Notebook): Notebook {
  return structuredClone(notebook);
}

/** Sets the source in nbformat's on-disk style: a list of lines, each keeping its newline. */
export function setSource(cell: Cell, source: string): void {
  cell.source = splitLines(source);
}
