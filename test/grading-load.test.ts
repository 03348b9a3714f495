// Same grades under load: a subset of the fixture class graded once, then again while CPU hogs keep every core
// busy; every student gets the same points in every cell, and the endless loop still scores nothing.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autograde } from "../src/grading/autograde";
import { loadCourse, Course } from "../src/grading/course";
import { StudentResult } from "../src/grading/gradebook";
import { makeClass, SOURCE_DIR } from "./fixtures/grading/make-class";

// Honest, partial, and an endless loop (a timeout, then a replay): the cases a busy machine could turn around.
const STUDENTS = ["all-right", "half-done", "infinite-loop"];

function cellPoints(results: StudentResult[]): { [key: string]: number | null } {
  const rows = results.flatMap((r) => r.notebooks.flatMap((n) => n.rows));
  return Object.fromEntries(rows.map((row) => [`${row.student}/${row.notebook}/${row.cell}`, row.points]));
}

function totals(results: StudentResult[]): { [student: string]: { [notebook: string]: number } } {
  return Object.fromEntries(results.map((r) => [r.student, Object.fromEntries(r.notebooks.map((n) => [n.notebook, n.rows.reduce((s, row) => s + (row.points ?? 0), 0)]))]));
}

/** One spinning child process per core; the caller always kills them. */
function startHogs(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
}

describe("same grades under load", () => {
  let tmp: string;
  let submissions: string;
  let course: Course;
  let expected: { [student: string]: { [notebook: string]: number } };
  const hogs: ChildProcess[] = [];

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-load-"));
    submissions = path.join(tmp, "submissions");
    expected = makeClass(submissions, STUDENTS);
    course = loadCourse([SOURCE_DIR]);
  });

  afterAll(() => {
    for (const hog of hogs) hog.kill("SIGKILL");
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("gives every student and cell the same points with every core kept busy (--jobs 2)", async () => {
    const options = { submissions, course, jobs: 2, timeoutSec: 6, memoryMb: 256, showHidden: false };
    const quiet = await autograde({ ...options, out: path.join(tmp, "quiet") });
    expect(totals(quiet.results)).toEqual(expected);

    hogs.push(...startHogs(Math.max(2, os.cpus().length)));
    let loaded;
    try {
      loaded = await autograde({ ...options, out: path.join(tmp, "loaded") });
    } finally {
      for (const hog of hogs) hog.kill("SIGKILL");
    }
    const notGraded = loaded.results.flatMap((r) => r.notebooks.filter((n) => n.infraError).map((n) => `${r.student}/${n.notebook}: ${n.infraError}`));
    expect(notGraded).toEqual([]);
    expect(cellPoints(loaded.results)).toEqual(cellPoints(quiet.results));
    const loop = loaded.results.find((r) => r.student === "infinite-loop")!.notebooks.flatMap((n) => n.notes).join("\n");
    expect(loop).toContain("the kernel was restarted 1 time(s)");
  }, 900_000);
});
