// backprop-lab written export|import: the class's written answers out as HTML + CSV, filled CSVs back into the gradebook.

import * as path from "node:path";
import { UsageError, parseArgs, stringOption } from "../cli-args";
import { loadCourse } from "./course";
import { readResults, writeGradebook, writeResult } from "./gradebook";
import { writeFeedback } from "./feedback";
import { writtenQuestions } from "./written-answers";
import { writeWrittenExport } from "./written-export";
import { WrittenImportError, importHandGrades } from "./written-import";

const USAGE = `usage: backprop-lab written export <autograde out dir> --source <dir|notebook…> --out <dir>
       backprop-lab written import <autograde out dir> <filled csv…>

  export writes, per written question, <notebook>.<grade id>.html (the question, the model answer from
  the source, every student's answer) and <notebook>.<grade id>.csv (student, notebook, cell, max, points,
  comment; points and comments already given are filled in).
  import reads filled CSVs (any subset of questions, any rows) and updates results/, gradebook.csv/.json
  and the feedback of each student whose grade changed. Empty points: not graded yet. If any row is wrong
  (unknown student, notebook or grade id, points above the maximum, malformed CSV), every wrong row is
  named and nothing is changed.`;

function grades(dir: string) {
  const results = readResults(dir);
  if (results.length === 0) throw new UsageError(`${dir} holds no results/ from autograde`);
  return results;
}

function exportCommand(argv: string[]): number {
  const args = parseArgs(argv, ["source", "out"], []);
  const source = stringOption(args, "source");
  const out = stringOption(args, "out");
  if (args.positionals.length !== 1 || !source || !out) throw new UsageError("export needs <autograde out dir>, --source and --out");
  const questions = writtenQuestions(loadCourse(source.split(",")), grades(args.positionals[0]));
  const files = writeWrittenExport(out, questions);
  for (const q of questions) {
    const pending = q.answers.filter((a) => a.points === null).length;
    console.log(`${q.notebook} ${q.cell}: ${q.answers.length} answer(s), ${pending} to grade, ${q.unanswered.length} unanswered`);
  }
  console.log(`wrote ${files.length} question(s) as .html and .csv to ${out}`);
  return 0;
}

function importCommand(argv: string[]): number {
  const args = parseArgs(argv, [], []);
  const [dir, ...files] = args.positionals;
  if (dir === undefined || files.length === 0) throw new UsageError("import needs <autograde out dir> and at least one CSV");
  const changed = importHandGrades(grades(dir), files);
  for (const result of changed) writeResult(dir, result);
  writeGradebook(dir, readResults(dir));
  writeFeedback(dir, changed);
  console.log(`updated ${changed.length} student(s): ${changed.map((r) => r.student).join(", ") || "no grade changed"}; gradebook: ${path.join(dir, "gradebook.csv")}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  try {
    if (action === "export") return exportCommand(rest);
    if (action === "import") return importCommand(rest);
    if (action === "--help" || action === "-h") {
      console.log(USAGE);
      return 0;
    }
    throw new UsageError(`unknown action ${JSON.stringify(action ?? "")}: use export or import`);
  } catch (error) {
    console.error(`backprop-lab written: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return 2;
  }
}
