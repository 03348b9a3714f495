// End to end through the real kernel: assign --check, validate, and autograde over a generated class
// (honest, half-done, untouched and adversarial submissions), then resume, shards and merge.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autograde, AutogradeSummary, listStudents } from "../src/grading/autograde";
import { loadCourse, Course } from "../src/grading/course";
import { readResults, StudentResult } from "../src/grading/gradebook";
import { mergeResults } from "../src/grading/merge-command";
import { main as assignMain } from "../src/grading/assign-command";
import { main as validateMain } from "../src/grading/validate-command";
import { makeClass, SOURCE_DIR } from "./fixtures/grading/make-class";

const PWNED = ["/tmp/backprop-grade-pwned.txt", path.join(SOURCE_DIR, "pwned.txt")];

function autoPoints(result: StudentResult, notebook: string): number {
  const rows = result.notebooks.find((n) => n.notebook === notebook)?.rows ?? [];
  return rows.reduce((sum, row) => sum + (row.points ?? 0), 0);
}

async function captureOutput(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  console.error = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    const code = await fn();
    return { code, out: lines.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe("autograde a generated class", () => {
  let tmp: string;
  let submissions: string;
  let out: string;
  let expected: { [student: string]: { [notebook: string]: number } };
  let course: Course;
  let first: AutogradeSummary;
  const options = () => ({ submissions, course, out, jobs: 2, timeoutSec: 6, memoryMb: 256, showHidden: false });

  beforeAll(async () => {
    for (const file of PWNED) fs.rmSync(file, { force: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-e2e-"));
    submissions = path.join(tmp, "submissions");
    out = path.join(tmp, "out");
    expected = makeClass(submissions);
    course = loadCourse([SOURCE_DIR]);
    first = await autograde(options());
  }, 1_500_000); // limits count CPU time, so on a machine shared with other work the wall time stretches

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("grades every student, and the batch survives every adversarial submission", () => {
    expect(first.graded.sort()).toEqual(Object.keys(expected).sort());
    // Listed with their messages, so a failure here says which run broke and why (not just "expected false").
    const infra = first.results.flatMap((r) => r.notebooks.filter((n) => n.infraError !== undefined).map((n) => `${r.student}/${n.notebook}: ${n.infraError}`));
    expect(infra).toEqual([]);
  });

  it("gives each student exactly what their honest answers earn", () => {
    const got: { [student: string]: { [notebook: string]: number } } = {};
    for (const result of first.results) {
      got[result.student] = Object.fromEntries(Object.keys(expected[result.student]).map((nb) => [nb, autoPoints(result, nb)]));
    }
    expect(got).toEqual(expected);
  });

  it("records partial credit, manual cells, timeouts and unanswered stubs in the gradebook", () => {
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe("student,notebook,cell,points,max,status,message");
    expect(csv).toContain("half-done,ps1-derivatives.ipynb,q3-tests,1,4,partial,partial credit: 1 of 4");
    expect(csv).toContain("all-right,ps1-derivatives.ipynb,q4-written,,1,manual,needs manual grading");
    expect(csv).toContain("untouched,ps1-derivatives.ipynb,q4-written,0,1,unanswered,not answered");
    expect(csv).toMatch(/untouched,ps1-derivatives\.ipynb,q1-tests,0,2,unanswered,not answered$/m);
    expect(csv).toMatch(/invalid-json,ps1-derivatives\.ipynb,q1-tests,0,2,failed,.*not valid JSON/);
    const json = JSON.parse(fs.readFileSync(path.join(out, "gradebook.json"), "utf8"));
    expect(json.rows.length).toBe(Object.keys(expected).length * 5);
    expect(json.totals.find((t: { student: string }) => t.student === "all-right")).toEqual({ student: "all-right", points: 11, max: 12, manualPending: 1, notGraded: 0 });
  });

  it("explains what it restored and renamed, and keeps tampering from reaching files", () => {
    const notes = (student: string) => readResults(out).find((r) => r.student === student)!.notebooks.flatMap((n) => n.notes).join("\n");
    expect(notes("edit-locked")).toContain('test cell "q3-tests" was edited; graded with the original');
    expect(notes("shadow-globals")).toContain('answer "q3-answer" redeclared Math, x0, which the tests use');
    expect(notes("infinite-loop")).toContain("the kernel was restarted 1 time(s)");
    expect(notes("out-of-memory")).toContain("the kernel was restarted 1 time(s)");
    for (const file of PWNED) expect(fs.existsSync(file), file).toBe(false);
    expect(fs.existsSync(path.join(tmp, "escaped.txt"))).toBe(false);
  });

  it("writes one feedback report per student without the hidden tests", () => {
    const html = fs.readFileSync(path.join(out, "feedback", "half-done.html"), "utf8");
    expect(html).toContain("Feedback for half-done");
    expect(html).toContain("(hidden tests)");
    expect(html).not.toContain("dSquare(-1.5)");
    expect(fs.readdirSync(path.join(out, "feedback")).length).toBe(Object.keys(expected).length);
  });

  it("resumes: an unchanged class is not graded again, a changed submission is", async () => {
    const again = await autograde(options());
    expect(again.graded).toEqual([]);
    expect(again.skipped.length).toBe(Object.keys(expected).length);
    const file = path.join(submissions, "untouched", "ps2-chain.ipynb");
    const nb = JSON.parse(fs.readFileSync(file, "utf8"));
    nb.cells.find((c: { id: string }) => c.id === "chain-answer").source = "let dfdx: number;\ndfdx = 24;";
    fs.writeFileSync(file, JSON.stringify(nb));
    const third = await autograde(options());
    expect(third.graded).toEqual(["untouched"]);
    expect(autoPoints(third.results.find((r) => r.student === "untouched")!, "ps2-chain.ipynb")).toBe(2);
  }, 120_000);

  it("splits students across shards and merges the shards' results into one gradebook", () => {
    const students = listStudents(submissions);
    const shards = [1, 2, 3].map((index) => listStudents(submissions, { index, count: 3 }));
    expect(shards.flat().sort()).toEqual(students);
    expect(new Set(shards.flat()).size).toBe(students.length);
    // Each shard's out folder holds that shard's results (as a sharded run leaves them); merge joins them.
    const all = readResults(out);
    const dirs = shards.map((names, i) => {
      const dir = path.join(tmp, `shard-${i}`, "results");
      fs.mkdirSync(dir, { recursive: true });
      for (const r of all.filter((r) => names.includes(r.student))) fs.writeFileSync(path.join(dir, `${r.student}.json`), JSON.stringify(r));
      return path.dirname(dir);
    });
    const merged = mergeResults(dirs, path.join(tmp, "merged"));
    expect(merged.length).toBe(students.length);
    expect(fs.readFileSync(path.join(tmp, "merged", "gradebook.csv"), "utf8")).toBe(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8"));
  });
});

describe("assign and validate", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-assign-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("assign --check: the instructor version passes every test, the release none", async () => {
    const { code, out } = await captureOutput(() => assignMain([SOURCE_DIR, "--out", path.join(tmp, "release"), "--check"]));
    expect(out).toContain("ps1-derivatives.ipynb: ok (3 graded cell(s): instructor full marks, release zero)");
    expect(out).toContain("ps2-chain.ipynb: ok (1 graded cell(s): instructor full marks, release zero)");
    expect(code).toBe(0);
  }, 600_000); // starts a Jupyter server (up to 180 s on a busy machine), then runs the notebooks

  it("validate lists failing public checks, unanswered cells and edited locked cells", async () => {
    const dir = path.join(tmp, "student");
    makeClass(dir, ["half-done", "edit-locked"]);
    const half = await captureOutput(() => validateMain([path.join(dir, "half-done", "ps1-derivatives.ipynb")]));
    expect(half.code).toBe(1);
    expect(half.out).toContain("1 of 3 public test cell(s) pass");
    expect(half.out).toMatch(/q2-tests: 0\/3 unanswered — Error: Not answered yet/);
    expect(half.out).toContain('"q2-answer" is not answered yet');
    const edited = await captureOutput(() => validateMain([path.join(dir, "edit-locked", "ps2-chain.ipynb")]));
    expect(edited.out).toContain('locked cell "chain-tests" was changed');
  }, 600_000); // starts a Jupyter server (up to 180 s on a busy machine), then runs the notebooks
});
