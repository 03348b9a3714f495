// backprop-lab merge <out dir…> --out DIR: one gradebook and feedback from the results of sharded autograde runs.

import * as fs from "node:fs";
import { UsageError, parseArgs, stringOption } from "../cli-args";
import { StudentResult, readResults, writeGradebook, writeResult } from "./gradebook";
import { writeFeedback } from "./feedback";

const USAGE = "usage: backprop-lab merge <autograde out dir…> --out <dir>";

export function mergeResults(dirs: string[], out: string): StudentResult[] {
  const merged = new Map<string, StudentResult>();
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) throw new UsageError(`${dir}: no such folder`);
    for (const result of readResults(dir)) {
      const seen = merged.get(result.student);
      if (seen && seen.inputHash !== result.inputHash) {
        console.error(`merge: ${result.student} was graded in more than one shard with different inputs; keeping the one from ${dir}`);
      }
      merged.set(result.student, result);
    }
  }
  const results = [...merged.values()];
  for (const result of results) writeResult(out, result);
  writeGradebook(out, results);
  writeFeedback(out, results);
  return results;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ["out"], []);
    const out = stringOption(args, "out");
    if (!out) throw new UsageError("--out is required");
    if (args.positionals.length === 0) throw new UsageError("give the out folders of the shard runs");
    const results = mergeResults(args.positionals, out);
    console.log(`merged ${results.length} student(s) from ${args.positionals.length} folder(s) into ${out}`);
    return 0;
  } catch (error) {
    console.error(`backprop-lab merge: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return 2;
  }
}
