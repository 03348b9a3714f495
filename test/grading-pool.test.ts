// The grader's kernel pool, through the real sandboxed kernel: each next student-notebook's kernel is started
// ahead and used once, a notebook that runs no kernel (missing, not JSON) leaves its kernel unused, and the
// grades are the same as ever.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autograde, AutogradeSummary } from "../src/grading/autograde";
import { loadCourse } from "../src/grading/course";
import { makeClass, SOURCE_DIR } from "./fixtures/grading/make-class";

describe("autograde's kernel pool (--jobs 1)", () => {
  let tmp: string;
  let expected: { [student: string]: { [notebook: string]: number } };
  let summary: AutogradeSummary;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-pool-"));
    // In folder order: all-right (both notebooks), half-done (no ps2), invalid-json (ps1 is not JSON), untouched.
    expected = makeClass(path.join(tmp, "submissions"), ["all-right", "half-done", "invalid-json", "untouched"]);
    summary = await autograde({
      submissions: path.join(tmp, "submissions"),
      course: loadCourse([SOURCE_DIR]),
      out: path.join(tmp, "out"),
      jobs: 1,
      timeoutSec: 6,
      memoryMb: 256,
      showHidden: false,
    });
  }, 900_000);

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("grades exactly as before", () => {
    const got = Object.fromEntries(
      summary.results.map((r) => [r.student, Object.fromEntries(r.notebooks.map((n) => [n.notebook, n.rows.reduce((sum, row) => sum + (row.points ?? 0), 0)]))]),
    );
    expect(got).toEqual(expected);
    expect(summary.results.flatMap((r) => r.notebooks.filter((n) => n.infraError !== undefined))).toEqual([]);
  });

  it("starts every next kernel ahead, across students too, and uses each one once", () => {
    // Started ahead: everything after the first run except half-done's missing ps2 (6 of 8 slots); used: all
    // but invalid-json's ps1, which never reaches a kernel.
    expect(summary.kernelsAhead).toEqual({ started: 6, used: 5 });
  });
});
