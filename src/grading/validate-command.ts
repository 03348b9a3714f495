// backprop-lab validate <notebook>: what a student runs before submitting: failing checks, unanswered cells, changed locked cells.

import * as fs from "node:fs";
import * as path from "node:path";
import { withJupyterServer } from "../notebook/server";
import { UsageError, numberOption, parseArgs } from "../cli-args";
import { manifestOf } from "./assign";
import { Notebook, gradeIdOf, isLocked, isSolution, nbgraderOf } from "./cells";
import { checkNotebook } from "./check";
import { computeChecksum } from "./checksum";

/** Locked cells changed or deleted since release, and answers still as released; no kernel needed. */
export function staticProblems(notebook: Notebook): { changed: string[]; deleted: string[]; unanswered: string[]; duplicated: string[] } {
  const changed: string[] = [];
  const unanswered: string[] = [];
  const duplicated: string[] = [];
  const present = new Set<string>();
  for (const cell of notebook.cells) {
    const gid = gradeIdOf(cell);
    const checksum = nbgraderOf(cell)?.checksum;
    if (gid === undefined) continue;
    if (present.has(gid)) duplicated.push(gid);
    present.add(gid);
    const manifest = manifestOf(notebook)?.[gid];
    const expected = typeof manifest === "string" ? manifest : checksum;
    if (isLocked(cell) && expected !== undefined && computeChecksum(cell) !== expected) changed.push(gid);
    if (isSolution(cell) && expected !== undefined && computeChecksum(cell) === expected) unanswered.push(gid);
  }
  const deleted = Object.keys(manifestOf(notebook) ?? {}).filter((gid) => !present.has(gid));
  return { changed, deleted, unanswered, duplicated };
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ["timeout"], []);
    if (args.positionals.length !== 1) throw new UsageError("usage: backprop-lab validate <notebook> [--timeout SEC]");
    const file = args.positionals[0];
    let notebook: Notebook;
    try {
      notebook = JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
      if (!Array.isArray(notebook.cells)) throw new Error("no cells");
    } catch (error) {
      console.error(`${file}: cannot be read as a notebook (${(error as Error).message}); it cannot be graded like this`);
      return 1;
    }
    const found = staticProblems(notebook);
    const lines: string[] = [];
    for (const gid of found.changed) lines.push(`locked cell "${gid}" was changed (it will be graded with the original)`);
    for (const gid of found.deleted) lines.push(`locked cell "${gid}" was deleted (it will be graded with the original)`);
    for (const gid of found.duplicated) lines.push(`grade_id "${gid}" appears more than once (a copied cell?); only one copy is graded`);
    for (const gid of found.unanswered) lines.push(`"${gid}" is not answered yet`);
    const timeoutMs = numberOption(args, "timeout", 60, 1) * 1000;
    const checked = await withJupyterServer({}, (server) => checkNotebook(server, notebook, path.dirname(path.resolve(file)), timeoutMs));
    if (checked.infraError) lines.push(`could not run the notebook: ${checked.infraError}`);
    let passed = 0;
    for (const { gradeId, grade } of checked.cells) {
      if (grade.points === grade.max) passed++;
      else lines.push(`${gradeId}: ${grade.points}/${grade.max} ${grade.status}${grade.message ? ` — ${grade.message}` : ""}`);
    }
    console.log(`${file}: ${passed} of ${checked.cells.length} public test cell(s) pass`);
    for (const line of lines) console.log(`  ${line}`);
    return lines.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`backprop-lab validate: ${(error as Error).message}`);
    return 2;
  }
}
