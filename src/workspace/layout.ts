// Where a learner workspace keeps things: the notebooks at its root, our state under .backprop-lab/.

import * as fs from "node:fs";
import * as path from "node:path";

/** The marker folder: a directory holding it is a learner workspace (see the contracts in DESIGN.md). */
export const MARKER_DIR = ".backprop-lab";

export interface WorkspacePaths {
  root: string;
  marker: string;
  /** Which curriculum version each notebook was made from (see state.ts). */
  state: string;
  /** Grade id → solution text, for showSolution() in self-study. */
  solutions: string;
  /** One JSON line per check() run inside the workspace (written by src/exercises). */
  progress: string;
  /** The learner version each notebook was made from: the base of a three-way merge. */
  releases: string;
  /** Dated copies of learner notebooks, taken before an update rewrites them. */
  backups: string;
}

export function workspacePaths(root: string): WorkspacePaths {
  const marker = path.join(root, MARKER_DIR);
  return {
    root,
    marker,
    state: path.join(marker, "state.json"),
    solutions: path.join(marker, "solutions.json"),
    progress: path.join(marker, "progress.jsonl"),
    releases: path.join(marker, "releases"),
    backups: path.join(marker, "backups"),
  };
}

/** The nearest folder at or above `start` holding the marker; undefined outside any workspace. */
export function findWorkspace(start: string = process.cwd()): WorkspacePaths | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, MARKER_DIR))) return workspacePaths(dir);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
