// An exercise that moves to another notebook takes the learner's answer with it; the old notebook keeps a marked copy.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syncWorkspace } from "../src/workspace/sync";
import { tempCourse } from "./helpers/temp-course";
import { answer, markdown, notebook, tinyCells, writeJson } from "./helpers/tiny-course";

type Cell = { id: string; cell_type: string; source: string[] | string; metadata: { nbgrader?: { grade_id?: string }; [k: string]: unknown } };
type Nb = { cells: Cell[]; metadata: { [k: string]: unknown } };

const A = "04-long.ipynb";
const X_ANSWER = "const doubled = 21 + 21;";
const Y_ANSWER = "const inc = doubled + 1; // mine";

let dir: string;
let sources: string;
let ws: string;

const read = (name: string): Nb => JSON.parse(fs.readFileSync(path.join(ws, name), "utf8")) as Nb;
const text = (cell: Cell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
const graded = (nb: Nb, gid: string): Cell[] => nb.cells.filter((cell) => cell.metadata.nbgrader?.grade_id === gid);
const sync = () => syncWorkspace({ sourceDir: sources, workspaceDir: ws, now: new Date("2026-12-03T12:00:00Z") });

function answerIn(name: string, gid: string, source: string): void {
  const nb = read(name);
  graded(nb, gid)[0].source = source;
  writeJson(path.join(ws, name), nb);
}

/** v2 of the course: A keeps "t-double"; "t-inc" (its answer and test cells, same grade ids) moves to the new notebook `b`. */
function splitCourse(b: string, more: ReturnType<typeof tinyCells> = []): void {
  const cells = tinyCells();
  writeJson(path.join(sources, A), notebook([...cells.slice(0, 3), cells[6]]));
  writeJson(path.join(sources, b), notebook([markdown("b-intro", "# Part two"), ...cells.slice(3, 6), ...more]));
}

beforeEach(() => ({ dir, sources, ws } = tempCourse("bpl-carry-", A)));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("an exercise that moved to a new notebook", () => {
  // The new notebook's name sorts after the old one's, then before it: the result must not depend on sync order.
  for (const B of ["04b-part-two.ipynb", "03-part-two.ipynb"]) {
    it(`carries the learner's answer into ${B}, keeps a marked copy in ${A}, and says so in one line`, () => {
      sync();
      answerIn(A, "t-double", X_ANSWER);
      answerIn(A, "t-inc", Y_ANSWER);
      splitCourse(B);
      const report = sync();
      expect(report.created).toEqual([B]);
      expect(report.updated).toEqual([A]);

      const b = read(B);
      expect(graded(b, "t-inc").map(text)).toEqual([Y_ANSWER]);
      expect(b.cells.filter((cell) => text(cell) === Y_ANSWER)).toHaveLength(1);

      const a = read(A);
      expect(graded(a, "t-double").map(text)).toEqual([X_ANSWER]);
      expect(graded(a, "t-inc")).toEqual([]);
      const kept = a.cells.findIndex((cell) => text(cell) === Y_ANSWER);
      expect(kept).toBeGreaterThan(0);
      expect(a.cells[kept].metadata.nbgrader).toBeUndefined();
      // The learner sees where the exercise went, in the cell just above their kept answer.
      expect(a.cells[kept - 1].cell_type).toBe("markdown");
      expect(text(a.cells[kept - 1])).toContain(`"t-inc"`);
      expect(text(a.cells[kept - 1])).toContain(B);

      const carried = report.lines.filter((line) => line.includes(`"t-inc"`));
      expect(carried).toEqual([`workspace/${B}: your answer to "t-inc" came with its exercise from workspace/${A}, where a copy stays`]);
      // A's own line counts the moved answer apart from the ones kept in place.
      expect(report.lines.find((line) => line.startsWith(`workspace/${A}: updated`))).toMatch(/1 answer of yours kept, 1 moved with its exercise to another notebook \(a copy stays here\);/);

      // Carried once: the next start touches nothing and says nothing.
      const again = sync();
      expect(again.lines).toEqual([]);
      expect(again.unchanged.sort()).toEqual([A, B].sort());
    });
  }

  it("carries the answered exercise and not the one the learner left as released", () => {
    const B = "04b-part-two.ipynb";
    sync();
    answerIn(A, "t-double", X_ANSWER);
    const stub = text(graded(read(A), "t-inc")[0]);
    const cells = tinyCells(); // both exercises move to B
    writeJson(path.join(sources, A), notebook([cells[0], cells[6]]));
    writeJson(path.join(sources, B), notebook(cells.slice(1, 6)));
    const report = sync();
    const b = read(B);
    expect(graded(b, "t-double").map(text)).toEqual([X_ANSWER]);
    expect(graded(b, "t-inc").map(text)).toEqual([stub]);
    expect(b.cells.map(text).filter((source) => source === stub)).toHaveLength(1);
    expect(read(A).cells.map(text)).not.toContain(stub);
    expect(report.lines.filter((line) => line.includes("t-inc"))).toEqual([]);
    expect(report.lines.filter((line) => line.includes("t-double"))).toHaveLength(1);
  });

  it("a broken old notebook gives its one line and is left byte for byte; another notebook's answer is still carried", () => {
    const B = "04b-part-two.ipynb";
    const C = "05-other.ipynb";
    writeJson(path.join(sources, C), notebook([markdown("c-intro", "# Other"), answer("t-z", "// BEGIN SOLUTION\nconst z = 0;\n// END SOLUTION")]));
    sync();
    answerIn(A, "t-inc", Y_ANSWER);
    answerIn(C, "t-z", "const z = 7;");
    fs.writeFileSync(path.join(ws, A), '{"cells": [ oops');
    splitCourse(B, [answer("t-z", "// BEGIN SOLUTION\nconst z = 0;\n// END SOLUTION")]);
    writeJson(path.join(sources, C), notebook([markdown("c-intro", "# Other")]));
    const report = sync();
    expect(fs.readFileSync(path.join(ws, A), "utf8")).toBe('{"cells": [ oops');
    expect(report.problems).toEqual([A]);
    expect(report.created).toEqual([B]);
    const aLines = report.lines.filter((line) => line.includes(A));
    expect(aLines).toHaveLength(1);
    expect(aLines[0]).toMatch(/^workspace\/04-long\.ipynb is not a readable notebook \(malformed JSON/);
    const b = read(B);
    expect(graded(b, "t-inc").map(text)).toEqual(graded(read(path.join(".backprop-lab", "releases", B)), "t-inc").map(text));
    expect(graded(b, "t-z").map(text)).toEqual(["const z = 7;"]);
    expect(report.lines).toContain(`workspace/${B}: your answer to "t-z" came with its exercise from workspace/${C}, where a copy stays`);
  });

  it("keeps both when the learner already answered the exercise in the new notebook, with a line", () => {
    const B = "04b-part-two.ipynb";
    sync();
    answerIn(A, "t-inc", Y_ANSWER);
    const answered = fs.readFileSync(path.join(ws, A), "utf8");
    fs.writeFileSync(path.join(ws, A), '{"cells": [ oops'); // A unreadable while the course splits: B is made blank
    splitCourse(B);
    sync();
    const mine = "const inc = 1 + doubled; // answered in B";
    answerIn(B, "t-inc", mine);
    fs.writeFileSync(path.join(ws, A), answered); // A fixed: its answer to t-inc now meets B's own
    const report = sync();
    const b = read(B);
    const at = b.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === "t-inc");
    expect(text(b.cells[at])).toBe(mine);
    expect(text(b.cells[at + 1])).toBe(Y_ANSWER);
    expect(b.cells[at + 1].metadata.nbgrader).toBeUndefined();
    expect(report.lines).toContain(
      `workspace/${B}: you had answered "t-inc" here too, and its exercise came from workspace/${A} with your answer there: yours stays in place, the one from ${A} is in the cell below it`,
    );
    expect(graded(read(A), "t-inc")).toEqual([]);
    expect(read(A).cells.map(text)).toContain(Y_ANSWER);
    // Both kept once: a further start adds no third copy.
    expect(sync().lines).toEqual([]);
  });

  it("carries from a notebook the curriculum removed, once: a later start does not bring the old answer back", () => {
    const B = "04a-part-one.ipynb";
    sync();
    answerIn(A, "t-inc", Y_ANSWER);
    fs.rmSync(path.join(sources, A)); // renumbered: A's exercises now live in B only
    writeJson(path.join(sources, B), notebook(tinyCells()));
    const report = sync();
    expect(graded(read(B), "t-inc").map(text)).toEqual([Y_ANSWER]);
    expect(report.lines).toEqual([`workspace/${B}: your answer to "t-inc" came with its exercise from workspace/${A}, where a copy stays`]);
    const better = "const inc = doubled + 1; // improved in B";
    answerIn(B, "t-inc", better);
    const again = sync();
    expect(again.lines).toEqual([]);
    expect(read(B).cells.map(text).filter((source) => source.startsWith("const inc"))).toEqual([better]);
  });

  it("a broken notebook the curriculum removed gets one line naming it and the exercises that moved out of it", () => {
    const B = "04a-part-one.ipynb";
    sync();
    fs.writeFileSync(path.join(ws, A), '{"cells": [ oops');
    fs.rmSync(path.join(sources, A));
    writeJson(path.join(sources, B), notebook(tinyCells()));
    const report = sync();
    expect(fs.readFileSync(path.join(ws, A), "utf8")).toBe('{"cells": [ oops');
    expect(report.created).toEqual([B]);
    expect(report.lines).toHaveLength(1);
    expect(report.lines[0]).toMatch(
      /^workspace\/04-long\.ipynb is not a readable notebook \(malformed JSON.*\): any answers of yours to "t-double", "t-inc" in it could not be carried to where those exercises are now; fix it \(or delete it\) and run npm start again$/,
    );
  });
});
