// Reads the progress log check() appends to (one JSON object per line); bad lines are counted, never fatal.

import * as fs from "node:fs";

/** One check that ran in the workspace (the format src/exercises writes; see the contracts). */
export interface ProgressRecord {
  gradeId: string;
  passed: boolean;
  at: string;
  notebook: string | null;
}

export interface ProgressLog {
  records: ProgressRecord[];
  /** Lines that were not a record (a half-written last line after a crash, hand edits). */
  skipped: number;
}

function asRecord(value: unknown): ProgressRecord | undefined {
  const r = value as Partial<ProgressRecord> | null;
  if (r === null || typeof r !== "object" || typeof r.gradeId !== "string" || typeof r.passed !== "boolean") return undefined;
  return { gradeId: r.gradeId, passed: r.passed, at: typeof r.at === "string" ? r.at : "", notebook: typeof r.notebook === "string" ? r.notebook : null };
}

/** The records in file order; a missing file is an empty log (nothing checked yet). */
export function readProgress(file: string): ProgressLog {
  if (!fs.existsSync(file)) return { records: [], skipped: 0 };
  const records: ProgressRecord[] = [];
  let skipped = 0;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    let record: ProgressRecord | undefined;
    try {
      record = asRecord(JSON.parse(line));
    } catch {
      record = undefined;
    }
    if (record) records.push(record);
    else skipped++;
  }
  return { records, skipped };
}
