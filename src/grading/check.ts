// Runs a notebook as it stands (no rebuild, no lockdown) and grades its autograded cells: for assign --check and validate.

import * as path from "node:path";
import type { JupyterServer } from "../notebook/server";
import { Notebook, gradeIdOf, isGrade } from "./cells";
import { runForGrading } from "./run";
import { Grade, gradeCodeCell } from "./score";

export interface CheckedCell {
  gradeId: string;
  grade: Grade;
}

export interface CheckResult {
  cells: CheckedCell[];
  infraError?: string;
}

export async function checkNotebook(server: JupyterServer, notebook: Notebook, cwd: string, cellTimeoutMs: number): Promise<CheckResult> {
  const kernelName = notebook.metadata.kernelspec?.name ?? "backprop-lab";
  const run = await runForGrading(server, notebook, { kernelName, cwd: path.resolve(cwd), cellTimeoutMs, trustedCode: true });
  if (run.infraError !== undefined) return { cells: [], infraError: run.infraError };
  const cells = notebook.cells
    .filter((cell) => cell.cell_type === "code" && isGrade(cell))
    .map((cell) => ({ gradeId: gradeIdOf(cell) ?? `cell ${cell.id}`, grade: gradeCodeCell(cell, run.runs.get(cell.id ?? "")) }));
  return { cells };
}
