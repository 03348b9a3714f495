// Grading without a kernel: nbgrader metadata rules, markers, checksums, the release pipeline, submission rebuild, scoring.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readNotebook } from "../src/notebook/nbformat";
import { Cell, Notebook, cloneNotebook, gradeIdOf, nbgraderOf, sourceOf } from "../src/grading/cells";
import { computeChecksum, pythonFloatString } from "../src/grading/checksum";
import { clearHiddenTests, clearSolutionRegions, MarkerError, TYPESCRIPT_CODE_STUB } from "../src/grading/markers";
import { validateNbgraderMetadata } from "../src/grading/metadata";
import { makeRelease } from "../src/grading/assign";
import { rebuildSubmission } from "../src/grading/rebuild";
import { gradeCodeCell, gradeManualCell } from "../src/grading/score";
import { renameShadowing } from "../src/grading/shadow";
import { staticProblems } from "../src/grading/validate-command";
import { toCsv } from "../src/grading/gradebook";

const SOURCE = path.join(__dirname, "fixtures", "grading", "source");
const ps1 = (): Notebook => readNotebook(path.join(SOURCE, "ps1-derivatives.ipynb"));
const byId = (nb: Notebook, gid: string): Cell => nb.cells.find((c) => gradeIdOf(c) === gid)!;

describe("nbgrader metadata", () => {
  it("accepts the fixture course", () => {
    expect(validateNbgraderMetadata(ps1())).toEqual([]);
  });

  it("names duplicate grade_ids, bad points, missing ids and misplaced markers", () => {
    const nb = ps1();
    nbgraderOf(byId(nb, "q2-tests"))!.grade_id = "q1-tests";
    nbgraderOf(byId(nb, "q3-tests"))!.points = -1;
    nbgraderOf(byId(nb, "q4-prompt"))!.grade_id = "";
    nb.cells[0].source = "// BEGIN SOLUTION\n// END SOLUTION";
    const problems = validateNbgraderMetadata(nb).join("\n");
    expect(problems).toContain('duplicate grade_id "q1-tests" (first used by cell 4)');
    expect(problems).toContain("nbgrader.points must be a number >= 0 for a graded cell, got -1");
    expect(problems).toContain("cell 11: nbgrader.grade_id is required");
    expect(problems).toContain('cell 0: has "BEGIN SOLUTION" but is not a solution cell');
  });

  it("rejects unknown keys and a schema version other than 3", () => {
    const nb = ps1();
    Object.assign(nbgraderOf(byId(nb, "setup"))!, { schema_version: 2, weight: 1 });
    const problems = validateNbgraderMetadata(nb).join("\n");
    expect(problems).toContain("schema_version must be 3, got 2");
    expect(problems).toContain('unknown nbgrader key "weight"');
  });
});

describe("markers", () => {
  it("replace a solution region with the stub at the marker's indentation", () => {
    const out = clearSolutionRegions("function f() {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}", TYPESCRIPT_CODE_STUB);
    expect(out.source).toBe('function f() {\n  // YOUR CODE HERE\n  throw new Error("Not answered yet: replace this line with your answer");\n}');
  });

  it("drop hidden tests and refuse nested or unclosed regions", () => {
    expect(clearHiddenTests("a\n// BEGIN HIDDEN TESTS\nb\n// END HIDDEN TESTS\nc").source).toBe("a\nc");
    expect(() => clearHiddenTests("// BEGIN HIDDEN TESTS\nx")).toThrow(MarkerError);
    expect(() => clearSolutionRegions("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "s", "ps1 cell 3")).toThrow(
      'ps1 cell 3: "BEGIN SOLUTION" on line 2 opens a region inside the one opened on line 1; regions cannot nest',
    );
  });
});

describe("checksums", () => {
  it("format points like Python's str(float(x))", () => {
    expect([2, 0.5, 1e-5, 1.5e16, 123.25, 1e22, 0.1 + 0.2].map(pythonFloatString)).toEqual(["2.0", "0.5", "1e-05", "1.5e+16", "123.25", "1e+22", "0.30000000000000004"]);
  });

  it("match nbgrader's compute_checksum (values from Python's hashlib over the same fields)", () => {
    const test: Cell = { cell_type: "code", id: "t", outputs: [], execution_count: null, source: 'import { checkNumber } from "backprop-lab";\ncheckNumber("dSquare(x0)", dSquare(x0), 6);\n', metadata: { nbgrader: { schema_version: 3, grade: true, solution: false, locked: true, grade_id: "q1-tests", points: 2 } } };
    const written: Cell = { cell_type: "markdown", id: "w", source: "YOUR ANSWER HERE", metadata: { nbgrader: { schema_version: 3, grade: true, solution: true, locked: false, grade_id: "q4-written", points: 0.5 } } };
    expect(computeChecksum(test)).toBe("d88e105f9a7b88cdb92cb9043bd4b378");
    expect(computeChecksum(written)).toBe("c2b2d60145974a606900f5cd301e5e7b");
  });
});

describe("release", () => {
  const release = makeRelease(ps1(), "ps1");

  it("stubs solutions, removes hidden tests, locks and checksums, keeps everything else", () => {
    const answer = sourceOf(byId(release, "q1-answer"));
    expect(answer).toContain('throw new Error("Not answered yet');
    expect(answer).not.toContain("2 * x");
    expect(sourceOf(byId(release, "q1-tests"))).not.toContain("-1.5");
    expect(sourceOf(byId(release, "q1-tests"))).toContain('checkNumber("dSquare(x0)"');
    expect(sourceOf(byId(release, "q4-written"))).toBe("YOUR ANSWER HERE");
    expect(byId(release, "q1-tests").metadata).toMatchObject({ editable: false, deletable: false });
    expect(byId(release, "q1-answer").metadata.editable).toBeUndefined();
    for (const gid of ["setup", "q1-answer", "q1-tests", "q4-written"]) {
      expect(nbgraderOf(byId(release, gid))!.checksum).toBe(computeChecksum(byId(release, gid)));
    }
    expect(release.cells.map((c) => c.id)).toEqual(ps1().cells.map((c) => c.id));
    expect(validateNbgraderMetadata(release)).toEqual([]);
  });

  it("lets validate tell changed, deleted and unanswered cells apart", () => {
    const student = cloneNotebook(release);
    expect(staticProblems(student)).toEqual({ changed: [], deleted: [], unanswered: ["q1-answer", "q2-answer", "q3-answer", "q4-written"], duplicated: [] });
    byId(student, "q1-tests").source = "// all good\n";
    byId(student, "q1-answer").source = "function dSquare(x: number): number { return 2 * x; }";
    student.cells = student.cells.filter((c) => gradeIdOf(c) !== "q2-tests");
    expect(staticProblems(student)).toEqual({ changed: ["q1-tests"], deleted: ["q2-tests"], unanswered: ["q2-answer", "q3-answer", "q4-written"], duplicated: [] });
  });
});

describe("rebuild", () => {
  const source = ps1();
  const release = makeRelease(source, "ps1");
  const answer = "function dSquare(x: number): number {\n  return x + x;\n}";

  it("restores locked and test cells (hidden tests included) and keeps the student's answers", () => {
    const student = cloneNotebook(release);
    byId(student, "q1-answer").source = answer;
    byId(student, "q1-tests").source = "// tests removed";
    const plan = rebuildSubmission(source, release, student);
    expect(sourceOf(byId(plan.notebook, "q1-answer"))).toBe(answer);
    expect(sourceOf(byId(plan.notebook, "q1-tests"))).toContain("dSquare(-1.5)");
    expect(plan.answers.get("q1-answer")).toBe("answered");
    expect(plan.answers.get("q2-answer")).toBe("unanswered");
    expect(plan.notes).toContain('test cell "q1-tests" was edited; graded with the original');
  });

  it("recovers deleted, duplicated, reordered and renamed cells by grade_id and cell id", () => {
    const student = cloneNotebook(release);
    const q1 = byId(student, "q1-answer");
    q1.source = answer;
    const copy = JSON.parse(JSON.stringify(byId(student, "q2-answer"))) as Cell;
    copy.id = "pasted";
    copy.source = "function dSigmoid(z: number): number { return 0.25; }";
    nbgraderOf(q1)!.grade_id = "my-answer"; // renamed: found again by its cell id
    student.cells = student.cells.filter((c) => gradeIdOf(c) !== "q3-tests"); // deleted
    student.cells.reverse(); // reordered
    student.cells.push(copy); // duplicated grade_id, edited copy
    const plan = rebuildSubmission(source, release, student);
    expect(plan.notebook.cells.map((c) => c.id)).toEqual(source.cells.map((c) => c.id));
    expect(sourceOf(byId(plan.notebook, "q1-answer"))).toBe(answer);
    expect(sourceOf(byId(plan.notebook, "q2-answer"))).toContain("return 0.25");
    expect(sourceOf(byId(plan.notebook, "q3-tests"))).toContain("q3Points");
    expect(plan.notes.join("\n")).toMatch(/q3-tests" was deleted; restored/);
    expect(plan.notes.join("\n")).toMatch(/"q1-answer" was found by its cell id/);
    expect(plan.notes.join("\n")).toMatch(/grade_id "q2-answer" appears in 2 cells/);
  });

  it("keeps cells the student added after the cell they followed, and survives junk", () => {
    const student = cloneNotebook(release);
    const helper: Cell = { cell_type: "code", id: "mine", source: "const two = 2;", metadata: {}, outputs: [], execution_count: null };
    student.cells.splice(3, 0, helper); // after q1-prompt
    const plan = rebuildSubmission(source, release, student);
    const ids = plan.notebook.cells.map((c) => c.id);
    expect(ids.indexOf("student-extra-1")).toBe(ids.indexOf("q1-prompt") + 1);
    const junk = rebuildSubmission(source, release, { cells: [42, { cell_type: "code" }] });
    expect(junk.answers.get("q1-answer")).toBe("missing");
    expect(junk.notes.join("\n")).toContain("submission cell 0 is malformed");
    expect(rebuildSubmission(source, release, "not a notebook").notes[0]).toContain("no list of cells");
  });
});

describe("scoring", () => {
  const source = ps1();
  const test = byId(source, "q3-tests");

  it("gives full points for ok, none for error/abort/timeout/died/missing, and reads partial credit", () => {
    expect(gradeCodeCell(test, { status: "ok" })).toMatchObject({ points: 4, status: "passed" });
    expect(gradeCodeCell(test, { status: "ok", result: "3" })).toMatchObject({ points: 3, status: "partial" });
    expect(gradeCodeCell(test, { status: "ok", result: "9" })).toMatchObject({ points: 0, status: "failed" });
    expect(gradeCodeCell(test, { status: "error", ename: "ExerciseError", evalue: "dTanh(0) is 0" })).toMatchObject({ points: 0, message: "ExerciseError: dTanh(0) is 0" });
    expect(gradeCodeCell(test, { status: "error", ename: "Error", evalue: "Not answered yet: replace" })).toMatchObject({ points: 0, status: "unanswered" });
    for (const status of ["abort", "timeout", "died", "missing", "skipped"] as const) expect(gradeCodeCell(test, { status }).points).toBe(0);
    expect(gradeCodeCell(test, undefined)).toMatchObject({ points: 0, status: "failed" });
  });

  it("leaves written answers to a person unless they are untouched", () => {
    const written = byId(source, "q4-written");
    expect(gradeManualCell(written, "answered")).toMatchObject({ points: null, max: 1, status: "manual" });
    expect(gradeManualCell(written, "unanswered")).toMatchObject({ points: 0, status: "unanswered" });
  });

  it("writes CSV with quoted messages", () => {
    expect(toCsv([{ student: "ann", notebook: "ps1.ipynb", cell: "q1", points: null, max: 1, status: "manual", message: 'say "hi", then\nleave' }])).toBe(
      'student,notebook,cell,points,max,status,message\nann,ps1.ipynb,q1,,1,manual,"say ""hi"", then\nleave"\n',
    );
  });
});

describe("shadowing guard", () => {
  it("renames top-level redeclarations of protected names only", () => {
    const out = renameShadowing('const Math = { abs: () => 0 };\nfunction checkNumber() {}\nconst { x0 } = { x0: 1 };\nfunction f() { const Math = 1; return Math; }\nconst mine = 3;', new Set(["Math", "checkNumber", "x0"]));
    expect(out.renamed).toEqual(["Math", "checkNumber", "x0"]);
    expect(out.source).toBe('const Math$shadowed = { abs: () => 0 };\nfunction checkNumber$shadowed() {}\nconst { x0: x0$shadowed } = { x0: 1 };\nfunction f() { const Math = 1; return Math; }\nconst mine = 3;');
  });
});
