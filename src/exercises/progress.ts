// Records each check's result in the learner's workspace (`.backprop-lab/progress.jsonl`), read by the progress view.
//
// One JSON line per check that ran: {"gradeId","passed","at","notebook"}. Outside a workspace nothing is
// written. A failed write (read-only or full disk) never fails the check: it warns once and goes on.

import { appendFileSync } from "fs";
import path from "path";
import { findWorkspaceMarker } from "./workspace-marker";

let warned = false;

function notebookName(): string | null {
  const session = process.env.JPY_SESSION_NAME;
  return typeof session === "string" && session.length > 0 ? path.basename(session) : null;
}

/** Appends one progress record when running inside a workspace; never throws. */
export function recordProgress(gradeId: string, passed: boolean, now: Date = new Date()): void {
  let file: string | undefined;
  try {
    const marker = findWorkspaceMarker();
    if (marker === undefined) return;
    file = path.join(marker, "progress.jsonl");
    const line = JSON.stringify({ gradeId, passed, at: now.toISOString(), notebook: notebookName() });
    appendFileSync(file, line + "\n");
  } catch (error) {
    if (warned) return;
    warned = true;
    try {
      console.warn(`(progress not saved to ${file ?? "the workspace"}: ${(error as Error)?.message ?? error}; your answers are unaffected)`);
    } catch {
      // a broken console must not fail the check either
    }
  }
}
