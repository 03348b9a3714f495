// The workspace's record of which curriculum version each learner notebook was made from.

import * as fs from "node:fs";
import { writeFileAtomic } from "./safe-write";

export interface NotebookRecord {
  /** The learner's file name inside the workspace (the source's name when we made it). */
  file: string;
  /** sha256 of the instructor source the learner copy was last made or updated from. */
  sourceHash: string;
  /** When that happened (ISO time). */
  at: string;
  /** Answers carried in from other notebooks when their exercises moved here: grade id → the file they came from. Carried once. */
  carried?: { [gradeId: string]: string };
}

export interface WorkspaceState {
  format: 1;
  /** Keyed by the source notebook's file name in notebooks/. */
  notebooks: { [sourceName: string]: NotebookRecord };
}

export const emptyState = (): WorkspaceState => ({ format: 1, notebooks: {} });

/** The stored state; a missing or unreadable file gives an empty state and says why in `problem`. */
export function readState(file: string): { state: WorkspaceState; problem?: string } {
  if (!fs.existsSync(file)) return { state: emptyState() };
  try {
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as WorkspaceState;
    if (raw?.format !== 1 || typeof raw.notebooks !== "object" || raw.notebooks === null) throw new Error("not a format-1 state file");
    return { state: raw };
  } catch (error) {
    return { state: emptyState(), problem: `${file} could not be read (${(error as Error).message}); every notebook is treated as new to the workspace` };
  }
}

export function writeState(file: string, state: WorkspaceState): void {
  writeFileAtomic(file, JSON.stringify(state, null, 1) + "\n");
}
