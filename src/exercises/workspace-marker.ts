// Finds the learner workspace a cell runs in: the nearest folder, from the kernel's cwd up, holding `.backprop-lab/`.
//
// No marker means not a workspace (the instructor's notebooks/, a graded release, the tests): then nothing is
// recorded and no solution is shown.

import { statSync } from "fs";
import path from "path";

export const MARKER = ".backprop-lab";

/** The `.backprop-lab` folder of the nearest workspace, or undefined. */
export function findWorkspaceMarker(from: string = process.cwd()): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, MARKER);
    try {
      if (statSync(candidate).isDirectory()) return candidate;
    } catch {
      // not here (or not readable): keep looking upward
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
