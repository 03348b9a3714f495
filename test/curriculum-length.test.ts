// Every notebook fits one sitting (issue 10, item 3: at most about 35 code cells), and the README's table of
// notebooks says what is really in them.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { joinSource, readNotebook, type Cell } from "../src/notebook/nbformat";

const ROOT = path.join(__dirname, "..");
const NOTEBOOKS = path.join(ROOT, "notebooks");

/** More code cells than this and a notebook is split in two (a second part takes the letter b: 04b). */
const MAX_CODE_CELLS = 35;

interface Counts { codeCells: number; answers: number; points: number }

const nbgraderOf = (cell: Cell) => (cell.metadata as { nbgrader?: { solution?: boolean; grade?: boolean; points?: number } }).nbgrader;

function countsOf(file: string): Counts {
  const cells = readNotebook(path.join(NOTEBOOKS, file)).cells;
  return {
    codeCells: cells.filter((c) => c.cell_type === "code").length,
    answers: cells.filter((c) => nbgraderOf(c)?.solution === true).length,
    points: cells.reduce((sum, c) => sum + (nbgraderOf(c)?.grade === true ? nbgraderOf(c)?.points ?? 0 : 0), 0),
  };
}

const files = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

/** The README's "The notebooks" table: notebook name → the numbers its row states. */
function readmeRows(): Map<string, Counts> {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const rows = new Map<string, Counts>();
  for (const m of readme.matchAll(/^\| `([0-9][^`]*)` \|[^|]*\| (\d+) \| (\d+) \| (\d+) \|$/gm)) {
    rows.set(m[1], { codeCells: Number(m[2]), answers: Number(m[3]), points: Number(m[4]) });
  }
  return rows;
}

describe("curriculum length", () => {
  it("reads every notebook", () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  it(`no notebook has more than ${MAX_CODE_CELLS} code cells`, () => {
    const long = files.map((f) => [f, countsOf(f).codeCells] as const).filter(([, n]) => n > MAX_CODE_CELLS);
    expect(long.map(([f, n]) => `${f}: ${n} code cells`)).toEqual([]);
  });

  it("the README's table lists every notebook in course order, with its real counts", () => {
    const rows = readmeRows();
    expect([...rows.keys()]).toEqual(files.map((f) => f.replace(/\.ipynb$/, "")));
    for (const f of files) expect(rows.get(f.replace(/\.ipynb$/, "")), f).toEqual(countsOf(f));
  });

  it("a lesson notebook's first cell names it by its number (the welcome notebook has its own title)", () => {
    for (const f of files.filter((name) => name !== "00-welcome.ipynb")) {
      const first = readNotebook(path.join(NOTEBOOKS, f)).cells[0];
      expect(joinSource(first.source), f).toMatch(new RegExp(`^# ${f.slice(0, f.indexOf("-"))} · `));
    }
  });
});
