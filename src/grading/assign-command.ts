// backprop-lab assign <source dir|notebook…> --out DIR [--check]: instructor notebooks → student releases.

import * as fs from "node:fs";
import * as path from "node:path";
import { withJupyterServer } from "../notebook/server";
import { writeNotebook, Notebook as NbNotebook } from "../notebook/nbformat";
import { UsageError, numberOption, parseArgs, stringOption } from "../cli-args";
import { makeInstructorRun } from "./assign";
import { checkNotebook } from "./check";
import { loadCourse } from "./course";

const USAGE = `usage: backprop-lab assign <source dir|notebook…> --out <dir> [--check] [--timeout SEC]

  Writes the student version of each notebook to <out>: solutions replaced by a stub that throws
  "Not answered yet", hidden tests removed, outputs cleared, locked cells read-only with checksums.
  --check also runs both versions: the instructor's must pass every test, the student's none.`;

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ["out", "timeout"], ["check", "help"]);
    if (args.options.has("help")) {
      console.log(USAGE);
      return 0;
    }
    const out = stringOption(args, "out");
    if (!out) throw new UsageError("--out is required");
    if (args.positionals.length === 0) throw new UsageError("give a source folder or notebooks");
    const course = loadCourse(args.positionals);
    fs.mkdirSync(out, { recursive: true });
    for (const notebook of course.notebooks) {
      const file = path.join(out, notebook.name);
      writeNotebook(file, notebook.release);
      console.log(`${notebook.name}: wrote ${file}`);
    }
    if (!args.options.has("check")) return 0;
    const timeoutMs = numberOption(args, "timeout", 60, 1) * 1000;
    let problems = 0;
    await withJupyterServer({}, async (server) => {
      for (const notebook of course.notebooks) {
        const sourceDir = path.dirname(path.resolve(notebook.file));
        const instructor = await checkNotebook(server, makeInstructorRun(notebook.source), sourceDir, timeoutMs);
        const release = await checkNotebook(server, notebook.release, path.resolve(out), timeoutMs);
        const lines: string[] = [];
        for (const infra of [instructor.infraError, release.infraError]) if (infra) lines.push(`  could not run: ${infra}`);
        for (const { gradeId, grade } of instructor.cells) {
          if (grade.points !== grade.max) lines.push(`  instructor version fails ${gradeId}: ${grade.points}/${grade.max} ${grade.message}`);
        }
        for (const { gradeId, grade } of release.cells) {
          if (grade.points !== 0) lines.push(`  student version passes ${gradeId} without an answer: ${grade.points}/${grade.max}`);
        }
        problems += lines.length;
        const tests = instructor.cells.length;
        console.log(lines.length === 0 ? `${notebook.name}: ok (${tests} graded cell(s): instructor full marks, release zero)` : `${notebook.name}: FAILED\n${lines.join("\n")}`);
      }
    });
    return problems === 0 ? 0 : 1;
  } catch (error) {
    console.error(`backprop-lab assign: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return 2;
  }
}
