// The curriculum's graded notebooks through assign and autograde: the instructor's answers earn full marks,
// the untouched release earns nothing, and every-other-answer earns exactly the tests whose answers are there.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { autograde } from "../src/grading/autograde";
import { loadCourse } from "../src/grading/course";
import { isAutogradedTest, isSolution, pointsOf, sourceOf } from "../src/grading/cells";
import { validateNbgraderMetadata } from "../src/grading/metadata";
import { makeCurriculumClass } from "./fixtures/grading/curriculum-class";

const NOTEBOOKS = path.join(__dirname, "..", "notebooks");
const course = loadCourse([NOTEBOOKS]);
const graded = course.notebooks.filter((n) => n.source.cells.some(isAutogradedTest));

describe("curriculum grading", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-curriculum-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("has graded cells with valid nbgrader metadata, and releases without solutions or hidden tests", () => {
    expect(graded.length).toBeGreaterThan(0);
    for (const notebook of course.notebooks) {
      expect(validateNbgraderMetadata(notebook.source), notebook.name).toEqual([]);
      const text = notebook.release.cells.map(sourceOf).join("\n");
      expect(text, notebook.name).not.toMatch(/BEGIN SOLUTION|BEGIN HIDDEN TESTS/);
      for (const cell of notebook.release.cells.filter((c) => isSolution(c) && c.cell_type === "code")) {
        expect(sourceOf(cell), notebook.name).toContain("Not answered yet");
      }
    }
  });

  it("scores the instructor's answers full, the release zero, and every other answer exactly", async () => {
    const submissions = path.join(tmp, "submissions");
    const expected = makeCurriculumClass(graded, submissions);
    const full = Object.fromEntries(graded.map((n) => [n.name, n.source.cells.filter(isAutogradedTest).reduce((s, c) => s + pointsOf(c), 0)]));
    expect(expected.instructor).toEqual(full);
    const summary = await autograde({ submissions, course: { ...course, notebooks: graded }, out: path.join(tmp, "out"), jobs: 2, timeoutSec: 120, memoryMb: 1024, showHidden: false });
    const got: { [student: string]: { [notebook: string]: number } } = {};
    for (const result of summary.results) {
      got[result.student] = Object.fromEntries(result.notebooks.map((n) => [n.notebook, n.rows.reduce((s, r) => s + (r.points ?? 0), 0)]));
    }
    expect(got).toEqual(expected);
  }, 1_500_000);
});
