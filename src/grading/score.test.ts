// score: a withheld run never shows its own text; a time budget is named in the grader's words.
import { describe, expect, it } from "vitest";
import { Cell } from "./cells";
import { WITHHELD_MESSAGE, gradeCodeCell } from "./score";

const test: Cell = { cell_type: "code", id: "t", source: "", metadata: { nbgrader: { grade: true, grade_id: "q-tests", points: 3, schema_version: 3 } }, outputs: [], execution_count: null };

describe("gradeCodeCell", () => {
  it("replaces a withheld cell's error name and message by fixed text", () => {
    const leaked = { status: "error" as const, ename: "=Leak(-1.5)", evalue: "hidden input -1.5", withheld: true };
    expect(gradeCodeCell(test, leaked)).toEqual({ points: 0, max: 3, status: "failed", message: WITHHELD_MESSAGE });
    expect(gradeCodeCell(test, { ...leaked, evalue: "Not answered yet: -1.5" })).toEqual({ points: 0, max: 3, status: "unanswered", message: "not answered" });
    expect(gradeCodeCell(test, { status: "error", ename: "ExerciseError", evalue: "dSquare(3) = 3 is wrong" }).message).toBe("ExerciseError: dSquare(3) = 3 is wrong");
  });

  it("still reads a withheld cell's number as partial credit", () => {
    expect(gradeCodeCell(test, { status: "ok", result: "2", withheld: true })).toMatchObject({ points: 2, status: "partial", message: "partial credit: 2 of 3" });
  });

  it("names the time budget that stopped a cell or kept it from running", () => {
    const reason = "the notebook's time budget of 24 s ran out in this cell";
    expect(gradeCodeCell(test, { status: "timeout", reason })).toEqual({ points: 0, max: 3, status: "timeout", message: `the cell was stopped: ${reason}` });
    expect(gradeCodeCell(test, { status: "skipped", reason: "the notebook's time budget of 24 s was used up before it" })).toMatchObject({ status: "timeout", message: "the cell did not run (the notebook's time budget of 24 s was used up before it)" });
  });
});
