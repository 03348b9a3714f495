// Instructor source → student release: lock, clear solutions, clear outputs, drop hidden tests, checksum.
//
// Small (notebook) → notebook steps in nbgrader's order (generate_assignment), composed by makeRelease.

import { Notebook, cloneNotebook, isLocked, isSolution, isTracked, nbgraderOf, setSource, sourceOf } from "./cells";
import { computeChecksum } from "./checksum";
import { TEXT_STUB, TYPESCRIPT_CODE_STUB, clearHiddenTests, clearSolutionRegions, hasMarker, BEGIN_SOLUTION } from "./markers";
import { assertValidMetadata, describeCell } from "./metadata";

export interface ReleaseOptions {
  /** Stub for code solution regions (nbgrader's ClearSolutions.code_stub["typescript"]). */
  codeStub?: string;
  /** Stub for written answers (nbgrader's ClearSolutions.text_stub). */
  textStub?: string;
}

type Step = (notebook: Notebook, file: string) => void;

/** Locked cells become read-only and undeletable in JupyterLab; answers and tests undeletable. */
export const lockCells: Step = (notebook) => {
  for (const cell of notebook.cells) {
    if (isLocked(cell)) {
      cell.metadata.editable = false;
      cell.metadata.deletable = false;
    } else if (isTracked(cell)) {
      cell.metadata.deletable = false;
    }
  }
};

export function clearSolutionsStep(options: ReleaseOptions = {}): Step {
  const codeStub = options.codeStub ?? TYPESCRIPT_CODE_STUB;
  const textStub = options.textStub ?? TEXT_STUB;
  return (notebook, file) => {
    notebook.cells.forEach((cell, index) => {
      if (!isSolution(cell)) return;
      const where = `${file}: ${describeCell(cell, index)}`;
      const stub = cell.cell_type === "code" ? codeStub : textStub;
      const source = sourceOf(cell);
      // A solution cell without markers is all solution (nbgrader does the same).
      const cleared = hasMarker(source, BEGIN_SOLUTION) ? clearSolutionRegions(source, stub, where).source : stub;
      setSource(cell, cleared);
    });
  };
}

export const clearOutputs: Step = (notebook) => {
  for (const cell of notebook.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    delete cell.metadata.execution;
    delete cell.metadata.collapsed;
    delete cell.metadata.scrolled;
  }
};

export const clearHiddenTestsStep: Step = (notebook, file) => {
  notebook.cells.forEach((cell, index) => {
    const source = sourceOf(cell);
    const cleared = clearHiddenTests(source, `${file}: ${describeCell(cell, index)}`);
    if (cleared.count > 0) setSource(cell, cleared.source);
  });
};

export const computeChecksums: Step = (notebook) => {
  for (const cell of notebook.cells) {
    const meta = nbgraderOf(cell);
    if (meta !== undefined && isTracked(cell)) meta.checksum = computeChecksum(cell);
  }
};

/** Notebook-level list of the tracked cells and their checksums, so `validate` can tell a deleted cell. */
export const recordManifest: Step = (notebook) => {
  const cells: { [gradeId: string]: string } = {};
  for (const cell of notebook.cells) {
    const meta = nbgraderOf(cell);
    if (meta !== undefined && isTracked(cell) && typeof meta.grade_id === "string" && typeof meta.checksum === "string") cells[meta.grade_id] = meta.checksum;
  }
  notebook.metadata.backprop_lab = { release: { cells } };
};

export function manifestOf(notebook: Notebook): { [gradeId: string]: string } | undefined {
  const meta = notebook.metadata?.backprop_lab as { release?: { cells?: { [gradeId: string]: string } } } | undefined;
  return meta?.release?.cells;
}

/** The student version of an instructor notebook; throws MetadataError/MarkerError naming every problem. */
export function makeRelease(source: Notebook, file: string, options: ReleaseOptions = {}): Notebook {
  assertValidMetadata(source, file);
  const notebook = cloneNotebook(source);
  const steps: Step[] = [lockCells, clearSolutionsStep(options), clearOutputs, clearHiddenTestsStep, computeChecksums, recordManifest];
  for (const step of steps) step(notebook, file);
  return notebook;
}

/** The instructor notebook as it runs when checked: outputs cleared, markers left as comments. */
export function makeInstructorRun(source: Notebook): Notebook {
  const notebook = cloneNotebook(source);
  clearOutputs(notebook, "");
  return notebook;
}
