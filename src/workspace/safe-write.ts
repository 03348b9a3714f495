// Writes that never leave a half-written file: a temp file beside the target, then a rename.

import * as fs from "node:fs";
import * as path from "node:path";

/** Writes text to `file` atomically; on failure the old file is untouched and the temp file removed. */
export function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** A file-system error in words a learner can act on: "the disk is full", "the folder is read-only". */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOSPC") return "the disk is full";
  if (code === "EROFS") return "the disk is read-only";
  if (code === "EACCES" || code === "EPERM") return "no permission to write there";
  if (code === "EDQUOT") return "the disk quota is used up";
  return (error as Error)?.message ?? String(error);
}
