// A two-exercise instructor notebook built in code, for workspace tests that must not depend on the curriculum's text.

import * as fs from "node:fs";
import * as path from "node:path";

type Json = { [key: string]: unknown };

const nbgrader = (gradeId: string, role: "answer" | "test" | "locked"): Json => ({
  nbgrader: {
    schema_version: 3,
    grade_id: gradeId,
    solution: role === "answer",
    grade: role === "test",
    locked: role !== "answer",
    ...(role === "test" ? { points: 1 } : {}),
  },
});

export const markdown = (id: string, text: string): Json => ({ cell_type: "markdown", id, metadata: {}, source: text });
export const code = (id: string, text: string, metadata: Json = {}): Json => ({ cell_type: "code", id, metadata, source: text, outputs: [], execution_count: null });
export const answer = (gradeId: string, text: string): Json => code(gradeId, text, nbgrader(gradeId, "answer"));
export const test = (gradeId: string, text: string): Json => code(gradeId, text, nbgrader(gradeId, "test"));

export function notebook(cells: Json[]): Json {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "backprop-lab", display_name: "TypeScript (Backprop Lab)", language: "typescript" } },
    cells,
  };
}

/** The tiny course's one notebook, as the instructor wrote it (solutions between markers). */
export function tinyCells(): Json[] {
  return [
    markdown("intro", "# Tiny\n\nDouble a number."),
    answer("t-double", "// BEGIN SOLUTION\nconst doubled = 2 * 21;\n// END SOLUTION"),
    test("t-double-tests", 'if (doubled !== 42) throw new Error("doubled should be 42");\n// BEGIN HIDDEN TESTS\nif (doubled / 2 !== 21) throw new Error("half");\n// END HIDDEN TESTS'),
    markdown("middle", "Now add one."),
    answer("t-inc", "// BEGIN SOLUTION\nconst inc = doubled + 1;\n// END SOLUTION"),
    test("t-inc-tests", 'if (inc !== 43) throw new Error("inc should be 43");'),
    markdown("outro", "Done."),
  ];
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 1) + "\n");
}
