// autograde against the reliability holes: hidden tests cannot leak, hostile files are refused without
// blocking the batch, time budgets cap a stalling student, CSV formulas stay text, a stopped server is given
// up and replaced, and a failure of the grader itself is "not graded" (never points) until a rerun grades it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autograde, AutogradeSummary } from "../src/grading/autograde";
import { loadCourse, Course } from "../src/grading/course";
import { StudentResult } from "../src/grading/gradebook";
import { WITHHELD_MESSAGE } from "../src/grading/score";
import { SOURCE_DIR } from "./fixtures/grading/make-class";
import { FORMULA_STUDENT, HIDDEN_MARKS, PS1, PS2, makeHostileClass } from "./fixtures/grading/hostile-class";
import { childProcesses, stopWhenKernelRuns } from "./helpers/processes";

function autoPoints(result: StudentResult, notebook: string): number {
  return (result.notebooks.find((n) => n.notebook === notebook)?.rows ?? []).reduce((sum, row) => sum + (row.points ?? 0), 0);
}

function pointsOf(results: StudentResult[], expected: { [student: string]: { [notebook: string]: number } }) {
  return Object.fromEntries(results.map((r) => [r.student, Object.fromEntries(Object.keys(expected[r.student] ?? {}).map((nb) => [nb, autoPoints(r, nb)]))]));
}

describe("autograde a hostile class", () => {
  let tmp: string;
  let submissions: string;
  let out: string;
  let expected: { [student: string]: { [notebook: string]: number } };
  let course: Course;
  let summary: AutogradeSummary;
  const row = (student: string, cell: string) => summary.results.find((r) => r.student === student)!.notebooks.flatMap((n) => n.rows).find((r) => r.cell === cell)!;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-hostile-"));
    submissions = path.join(tmp, "submissions");
    out = path.join(tmp, "out");
    expected = makeHostileClass(submissions);
    course = loadCourse([SOURCE_DIR]);
    // Budgets: 10 s per notebook, 14 s per student (slow-cells spends its first notebook's 10 s; everyone else
    // needs a few seconds in all).
    summary = await autograde({ submissions, course, out, jobs: 2, timeoutSec: 6, notebookBudgetSec: 10, studentBudgetSec: 14, memoryMb: 256, showHidden: false });
  }, 1_500_000); // limits count CPU time, so on a machine shared with other work the wall time stretches

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("grades every real student folder, each exactly for its honest answers", () => {
    expect(summary.results.map((r) => r.student).sort()).toEqual(Object.keys(expected).sort());
    const infra = summary.results.flatMap((r) => r.notebooks.filter((n) => n.infraError !== undefined).map((n) => `${r.student}/${n.notebook}: ${n.infraError}`));
    expect(infra).toEqual([]);
    expect(pointsOf(summary.results, expected)).toEqual(expected);
  });

  it("hole 3: nothing of the hidden tests reaches the gradebook, the results or the feedback", () => {
    expect(row("leaky", "q2-tests")).toMatchObject({ points: 0, status: "failed", message: WITHHELD_MESSAGE });
    const files = [path.join(out, "gradebook.csv"), path.join(out, "gradebook.json"), path.join(out, "results", "leaky.json"), path.join(out, "feedback", "leaky.html")];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const mark of [...HIDDEN_MARKS, "LEAK"]) expect(text.includes(mark), `${mark} in ${path.basename(file)}`).toBe(false);
    }
  });

  it("hole 6: links, pipes and huge files are refused with one message each, and the batch goes on", () => {
    const notes = (student: string) => summary.results.find((r) => r.student === student)!;
    expect(row("hostile-files", "q1-tests").message).toBe(`${PS1} was refused: it is a symbolic link; only regular files are graded`);
    expect(row("named-pipe", "q1-tests").message).toBe(`${PS1} was refused: it is a named pipe; only regular files are graded`);
    expect(notes("hostile-files").notes).toContain(`${PS1} was refused: it is a symbolic link; only regular files are graded`);
    expect(notes("hostile-files").notes?.join("\n")).toContain("not read (only the course's notebooks are): .git/, dataset.bin, nested/");
    expect(row("huge-notebook", "q1-tests").message).toBe(`${PS1} was refused: it is 3072 MB, over the limit of 20 MB per notebook (--max-notebook-mb)`);
    expect(summary.refused).toEqual(["copycat: a symbolic link, not a folder; student folders must be real folders, so it is not graded"]);
    expect(fs.existsSync(path.join(out, "results", "copycat.json"))).toBe(false);
  });

  it("hole 6: a notebook over the size cap is refused by its size, without being read", async () => {
    const small = path.join(tmp, "small-out");
    const capped = await autograde({ submissions, course, out: small, jobs: 1, timeoutSec: 6, memoryMb: 256, showHidden: false, limits: { maxNotebookBytes: 1000, maxStudentBytes: 1e9 } });
    const message = capped.results.find((r) => r.student === "all-right")!.notebooks[0].rows[0].message;
    expect(message).toMatch(new RegExp(`^${PS1.replace(".", "\\.")} was refused: it is \\d+ KB, over the limit of 1 KB per notebook \\(--max-notebook-mb\\)$`));
    expect(capped.results.every((r) => r.notebooks.every((n) => n.rows.every((row) => !row.points)))).toBe(true);
  }, 120_000);

  it("hole 7: a student who stalls runs into the notebook's time budget, and later answers are not run", () => {
    expect(row("slow-cells", "q1-tests")).toMatchObject({ points: 2, status: "passed" });
    const q2 = row("slow-cells", "q2-tests");
    expect(q2).toMatchObject({ points: 0, status: "timeout" });
    expect(q2.message).toContain("the notebook's time budget of 10 s");
    const ps1 = summary.results.find((r) => r.student === "slow-cells")!.notebooks.find((n) => n.notebook === PS1)!;
    expect(ps1.spentSeconds).toBeLessThanOrEqual(10); // what the budget counts never passes it, replays included
  });

  it("hole 7: what a student's first notebook used is gone from the next one (the student's budget)", () => {
    const chain = row("slow-cells", "chain-tests");
    expect(chain).toMatchObject({ points: 0, status: "timeout" });
    expect(chain.message).toMatch(/^the cell did not run \(this student's time budget of [\d.]+ s was used up before it\)$/);
    const notebooks = summary.results.find((r) => r.student === "slow-cells")!.notebooks;
    expect(notebooks.reduce((sum, n) => sum + (n.spentSeconds ?? 0), 0)).toBeLessThanOrEqual(14);
  });

  it("hole 9b: a student name that starts a formula lands in gradebook.csv as text", () => {
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
    const lines = csv.split("\n").filter((line) => line.includes(FORMULA_STUDENT));
    expect(lines.length).toBe(5);
    for (const line of lines) expect(line.startsWith(`'${FORMULA_STUDENT},`)).toBe(true);
  });
});

describe("autograde when the grader itself fails", () => {
  let tmp: string;
  let submissions: string;
  let course: Course;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-infra-"));
    submissions = path.join(tmp, "submissions");
    makeHostileClass(submissions);
    for (const name of fs.readdirSync(submissions)) if (name !== "all-right") fs.rmSync(path.join(submissions, name), { recursive: true, force: true });
    course = loadCourse([SOURCE_DIR]);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("records 'not graded' (no points) when kernel start and prelude cannot finish, and a rerun grades it", async () => {
    const out = path.join(tmp, "out");
    const options = { submissions, course, out, jobs: 1, timeoutSec: 6, memoryMb: 256, showHidden: false, retryDelaySec: 0 };
    // No kernel starts and loads the module in 0.2 s: every try fails in the grader's own part.
    const failed = await autograde({ ...options, infraTimeoutSec: 0.2, retries: 1 });
    const rows = failed.results[0].notebooks.flatMap((n) => n.rows);
    expect(rows.length).toBe(5);
    for (const r of rows) expect(r).toMatchObject({ points: null, status: "not graded" });
    expect(rows[0].message).toMatch(/^not graded: .*\(2 tries\)$/);
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
    expect(csv).toMatch(/^all-right,ps1-derivatives\.ipynb,q1-tests,,2,not graded,"?not graded: /m);
    expect(JSON.parse(fs.readFileSync(path.join(out, "gradebook.json"), "utf8")).totals[0]).toMatchObject({ points: 0, notGraded: 5, manualPending: 0 });
    expect(fs.readFileSync(path.join(out, "feedback", "all-right.html"), "utf8")).toContain("not graded yet: the grader failed, not your code");

    const again = await autograde(options);
    expect(again.graded).toEqual(["all-right"]);
    expect(autoPoints(again.results[0], PS1)).toBe(9);
    expect(autoPoints(again.results[0], PS2)).toBe(2);
  }, 300_000);

  it("gives up on a server that stops answering (SIGSTOP), replaces it, and grades the student in full", async () => {
    const out = path.join(tmp, "out-stopped");
    const stopped: number[] = [];
    // 60 s for the grader's own steps: a stopped server must be given up on, but a replacement starting on a
    // loaded machine (20 s was not enough when two test runs shared the 2 cores) must not be.
    const grading = autograde({ submissions, course, out, jobs: 1, timeoutSec: 6, memoryMb: 256, showHidden: false, infraTimeoutSec: 60, retryDelaySec: 0 });
    try {
      // Stop the worker's Jupyter server (our child) once it runs a kernel, as a kernel signalling its parent would.
      // Its replacement may itself be slow to answer on a loaded machine: grading on try 2 or 3 is the same success.
      stopped.push(await stopWhenKernelRuns(process.pid));
      const summary = await grading;
      expect(summary.results[0].notebooks.map((n) => n.infraError)).toEqual([undefined, undefined]);
      expect(autoPoints(summary.results[0], PS1)).toBe(9);
      expect(autoPoints(summary.results[0], PS2)).toBe(2);
      expect(summary.results[0].notebooks[0].notes.join("\n")).toMatch(/graded on try [23] of 3; the grader's earlier tries failed: .*(got no answer within 60 s|stopped answering for 60 s)/);
    } finally {
      for (const pid of [...stopped, ...childProcesses(process.pid)]) {
        try {
          process.kill(pid, "SIGCONT");
        } catch {}
      }
      await grading.catch(() => undefined);
    }
  }, 900_000);
});
