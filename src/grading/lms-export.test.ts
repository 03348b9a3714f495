// gradebook-lms.csv: totals per notebook and overall, blank while anything waits for a person or the grader.
import { describe, expect, it } from "vitest";
import { GradebookRow, StudentResult } from "./gradebook";
import { lmsCsv } from "./lms-export";

const row = (student: string, notebook: string, cell: string, points: number | null, max: number, status: GradebookRow["status"] = "passed"): GradebookRow =>
  ({ student, notebook, cell, points, max, status, message: "" });

function result(student: string, ps1: GradebookRow[], ps2: GradebookRow[]): StudentResult {
  const notebook = (name: string, rows: GradebookRow[]) => ({ notebook: name, rows, notes: [], feedback: [], seconds: 1 });
  return { student, inputHash: "h", seconds: 1, notebooks: [notebook("ps1.ipynb", ps1), notebook("ps2.ipynb", ps2)] };
}

describe("LMS gradebook", () => {
  const csv = lmsCsv([
    result("zoe", [row("zoe", "ps1.ipynb", "q1", 0.1, 2, "partial"), row("zoe", "ps1.ipynb", "q2", 0.2, 1, "manual")], [row("zoe", "ps2.ipynb", "c", 2, 2)]),
    result("=ann", [row("=ann", "ps1.ipynb", "q1", 2, 2), row("=ann", "ps1.ipynb", "q2", null, 1, "manual")], [row("=ann", "ps2.ipynb", "c", 0, 2, "failed")]),
    result("bob", [row("bob", "ps1.ipynb", "q1", 1, 2, "partial"), row("bob", "ps1.ipynb", "q2", 1, 1, "manual")], [row("bob", "ps2.ipynb", "c", null, 2, "not graded")]),
  ]);
  const lines = csv.trimEnd().split("\n");

  it("has Canvas's identity columns, one column per notebook and the total Canvas reads as its own", () => {
    expect(lines[0]).toBe("Student,ID,SIS User ID,SIS Login ID,Section,ps1,ps2,Final Points");
  });

  it("sums each notebook and the whole, rounded (0.1 + 0.2 is 0.3)", () => {
    expect(lines).toContain("zoe,,,zoe,,0.3,2,2.3");
  });

  it("leaves a notebook and the total blank while a written answer waits or the grader failed", () => {
    expect(lines).toContain("'=ann,,,'=ann,,,0,");
    expect(lines).toContain("bob,,,bob,,2,,");
    expect(lines.length).toBe(4);
  });
});
