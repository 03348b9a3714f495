// Hand grading of written answers from the command line on the fixture class: autograde, export, fill the CSV,
// import; a partial re-grade touches nothing else; bad CSVs name their rows and change nothing; regrading keeps hand grades.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClass, SOURCE_DIR } from "./fixtures/grading/make-class";
import { runCli } from "./helpers/cli";

const PS1 = "ps1-derivatives.ipynb";
const SOURCE = path.join(SOURCE_DIR, PS1);
const BRIEF = "Sigmoid slopes are small.";

/** Every file under dir with its bytes, to prove that a refused import changed nothing. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.join(entry.parentPath, entry.name), fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
  }
  return files;
}

function rowsOf(csv: string, predicate: (line: string) => boolean): string[] {
  return csv.split("\n").filter(predicate);
}

describe("written answers: export, grade by hand, import", () => {
  let tmp: string;
  let submissions: string;
  let out: string;
  let exported: string;
  const csvFile = () => path.join(exported, "ps1-derivatives.q4-written.csv");
  const gradebook = () => fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
  const autograde = () => runCli(["autograde", submissions, "--source", SOURCE, "--out", out, "--jobs", "2", "--timeout", "6", "--memory", "256"]);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-written-"));
    submissions = path.join(tmp, "submissions");
    out = path.join(tmp, "out");
    exported = path.join(tmp, "written");
    makeClass(submissions, ["all-right", "untouched"]);
    // A second writer: all-right's notebook with a shorter written answer.
    const nb = JSON.parse(fs.readFileSync(path.join(submissions, "all-right", PS1), "utf8"));
    nb.cells.find((c: { id: string }) => c.id === "q4-written").source = BRIEF;
    fs.mkdirSync(path.join(submissions, "brief-writer"));
    fs.writeFileSync(path.join(submissions, "brief-writer", PS1), JSON.stringify(nb));
    const run = await autograde();
    expect(run.code, run.stderr).toBe(0);
  }, 900_000);

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("exports each written question as HTML (question, model answer, every answer) and as a CSV to fill", async () => {
    const run = await runCli(["written", "export", out, "--source", SOURCE, "--out", exported]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("ps1-derivatives.ipynb q4-written: 2 answer(s), 2 to grade, 1 unanswered");
    const html = fs.readFileSync(path.join(exported, "ps1-derivatives.q4-written.html"), "utf8");
    expect(html).toContain("why does the gradient of a deep stack of sigmoids shrink?");
    expect(html).toContain("so the product shrinks geometrically with depth."); // the model answer
    expect(html).toContain("Each layer multiplies the gradient by a sigmoid slope of at most 1/4.");
    expect(html).toContain(BRIEF);
    expect(html).toMatch(/Not answered \(0 points, nothing to grade\): untouched/);
    expect(fs.readFileSync(csvFile(), "utf8")).toBe(
      "student,notebook,cell,max,points,comment\n" +
        "all-right,ps1-derivatives.ipynb,q4-written,1,,\n" +
        "brief-writer,ps1-derivatives.ipynb,q4-written,1,,\n",
    );
  });

  it("imports the filled CSV into the gradebook and each student's feedback, nothing else changed", async () => {
    const before = gradebook();
    fs.writeFileSync(csvFile(), [
      "student,notebook,cell,max,points,comment",
      "all-right,ps1-derivatives.ipynb,q4-written,1,1,\"Right, and names the 1/4 bound.\"",
      "brief-writer,ps1-derivatives.ipynb,q4-written,1,0.5,-why do they get small?",
    ].join("\r\n") + "\r\n");
    const run = await runCli(["written", "import", out, csvFile()]);
    expect(run.code, run.stderr).toBe(0);
    const after = gradebook();
    expect(after).toContain('all-right,ps1-derivatives.ipynb,q4-written,1,1,manual,"graded by hand: Right, and names the 1/4 bound."');
    expect(after).toContain("brief-writer,ps1-derivatives.ipynb,q4-written,0.5,1,manual,graded by hand: -why do they get small?");
    const others = (line: string) => !line.includes("q4-written");
    expect(rowsOf(after, others)).toEqual(rowsOf(before, others));
    const json = JSON.parse(fs.readFileSync(path.join(out, "gradebook.json"), "utf8"));
    expect(json.totals.find((t: { student: string }) => t.student === "all-right")).toEqual({ student: "all-right", points: 10, max: 10, manualPending: 0, notGraded: 0 });
    expect(fs.readFileSync(path.join(out, "feedback", "brief-writer.html"), "utf8")).toContain("graded by hand: -why do they get small?");
    // The LMS export has each notebook's total once nothing in it waits for a person.
    expect(fs.readFileSync(path.join(out, "gradebook-lms.csv"), "utf8")).toContain("all-right,,,all-right,,10,10\n");
    // A second export starts from what is graded, and the ' a spreadsheet needs comes off again on import.
    await runCli(["written", "export", out, "--source", SOURCE, "--out", exported]);
    expect(fs.readFileSync(csvFile(), "utf8")).toContain("brief-writer,ps1-derivatives.ipynb,q4-written,1,0.5,'-why do they get small?");
  });

  it("re-grades one student's answer and leaves every other result file as it was", async () => {
    const allRight = fs.readFileSync(path.join(out, "results", "all-right.json"), "utf8");
    const partial = path.join(tmp, "regrade.csv");
    fs.writeFileSync(partial, "student,notebook,cell,points,comment\nbrief-writer,ps1-derivatives.ipynb,q4-written,1,on reflection: enough\n");
    const run = await runCli(["written", "import", out, partial]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("updated 1 student(s): brief-writer");
    expect(gradebook()).toContain("brief-writer,ps1-derivatives.ipynb,q4-written,1,1,manual,graded by hand: on reflection: enough");
    expect(fs.readFileSync(path.join(out, "results", "all-right.json"), "utf8")).toBe(allRight);
  });

  const bad: [string, string, RegExp][] = [
    ["an unknown student", "nobody,ps1-derivatives.ipynb,q4-written,1,", /line 3: unknown student "nobody"/],
    ["an unknown grade id", "all-right,ps1-derivatives.ipynb,q9-written,1,", /line 3: unknown grade id "q9-written" in ps1-derivatives.ipynb/],
    ["a score above the maximum", "all-right,ps1-derivatives.ipynb,q4-written,2,", /line 3: points 2 is above the maximum 1/],
    ["a score that is not a number", "all-right,ps1-derivatives.ipynb,q4-written,full,", /line 3 \(all-right, q4-written\): points must be a number or empty, got "full"/],
    ["an autograded cell", "all-right,ps1-derivatives.ipynb,q1-tests,0,", /line 3: "q1-tests" in ps1-derivatives.ipynb is not a written answer/],
    ["an unanswered question", "untouched,ps1-derivatives.ipynb,q4-written,1,", /line 3: untouched did not answer "q4-written"/],
    ["malformed CSV", 'all-right,ps1-derivatives.ipynb,q4-written,1,"never closed', /line \d: malformed CSV: Quote Not Closed/],
  ];
  for (const [what, row, message] of bad) {
    it(`refuses ${what}, naming the row, and changes nothing (a good row beside it included)`, async () => {
      const before = snapshot(out);
      const file = path.join(tmp, "bad.csv");
      fs.writeFileSync(file, `student,notebook,cell,points,comment\nbrief-writer,ps1-derivatives.ipynb,q4-written,0,changed my mind\n${row}\n`);
      const run = await runCli(["written", "import", out, file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("nothing was changed");
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain(file);
      expect(snapshot(out)).toEqual(before);
    });
  }

  it("refuses a CSV without the columns it needs", async () => {
    const file = path.join(tmp, "headless.csv");
    fs.writeFileSync(file, "who,score\nall-right,1\n");
    const run = await runCli(["written", "import", out, file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} line 1: the header lacks student, notebook, cell, points, comment`);
  });

  it("a regraded student keeps the hand grade of an unchanged written answer; a changed one waits for a person", async () => {
    for (const [student, cell, source] of [["all-right", "q1-answer", "function dSquare(x: number): number {\n  return x + x;\n}"], ["brief-writer", "q4-written", "Slopes below 1/4 multiply."]]) {
      const file = path.join(submissions, student, PS1);
      const nb = JSON.parse(fs.readFileSync(file, "utf8"));
      nb.cells.find((c: { id: string }) => c.id === cell).source = source;
      fs.writeFileSync(file, JSON.stringify(nb));
    }
    const run = await autograde();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("graded 2 student(s)");
    expect(gradebook()).toContain('all-right,ps1-derivatives.ipynb,q4-written,1,1,manual,"graded by hand: Right, and names the 1/4 bound."');
    expect(gradebook()).toContain("brief-writer,ps1-derivatives.ipynb,q4-written,,1,manual,needs manual grading");
  }, 900_000);
});
