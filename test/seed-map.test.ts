// docs/seed-map.md maps each item of the four lesson texts to notebook cells; every notebook and cell id it names must exist.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readNotebook } from "../src/notebook/nbformat";

const ROOT = path.join(__dirname, "..");
const MAP_FILE = path.join(ROOT, "docs", "seed-map.md");
const NOTEBOOKS = path.join(ROOT, "notebooks");
const NONE = "—";

/** One table row: the item, the notebooks (file names without .ipynb) and the cell ids; `line` is the row as written, for messages. */
interface Row {
  section: string;
  line: string;
  item: string;
  notebooks: string[];
  cellIds: string[];
}

/** A table of the map, under its "## " heading, with whether that section has a "Not carried over" list. */
interface Section {
  title: string;
  rows: Row[];
  explainsGaps: boolean;
}

/** Splits the map into its "## " sections and their table rows; rows that are not `| item | notebook | cell ids |` go to `malformed`. */
function parseMap(text: string): { sections: Section[]; malformed: string[] } {
  const sections: Section[] = [];
  const malformed: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("## ")) sections.push({ title: line.slice(3).trim(), rows: [], explainsGaps: false });
    const section = sections.at(-1);
    if (!section) continue;
    if (/^not carried over/i.test(line.trim())) section.explainsGaps = true;
    if (!line.startsWith("|") || /^\|\s*-/.test(line) || /^\|\s*item\s*\|/.test(line)) continue;
    const columns = line.trim().replace(/^\|/, "").replace(/\|$/, "").split(" | ").map((c) => c.trim());
    const [item, notebookColumn, idColumn] = columns;
    const idsWellFormed = idColumn === NONE || /^`[^`]+`(, `[^`]+`)*$/.test(idColumn ?? "");
    if (columns.length !== 3 || !item || !notebookColumn || !idsWellFormed || (notebookColumn === NONE) !== (idColumn === NONE)) {
      malformed.push(`${section.title}: ${line}`);
      continue;
    }
    section.rows.push({
      section: section.title,
      line,
      item,
      notebooks: notebookColumn === NONE ? [] : notebookColumn.split(",").map((n) => n.trim()),
      cellIds: idColumn === NONE ? [] : [...idColumn.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
    });
  }
  return { sections, malformed };
}

const { sections, malformed } = parseMap(fs.readFileSync(MAP_FILE, "utf8"));
const rows = sections.flatMap((s) => s.rows);

/** Cell ids per notebook name, read once; undefined when there is no such notebook. */
const idsCache = new Map<string, Set<string> | undefined>();
function cellIdsOf(notebook: string): Set<string> | undefined {
  if (!idsCache.has(notebook)) {
    const file = path.join(NOTEBOOKS, `${notebook}.ipynb`);
    idsCache.set(notebook, fs.existsSync(file) ? new Set(readNotebook(file).cells.map((c) => c.id)) : undefined);
  }
  return idsCache.get(notebook);
}

describe("seed map: every item of the lesson texts points at cells that exist", () => {
  it("has one table per lesson text, in order, each with its items", () => {
    expect(sections.map((s) => s.title.slice(0, 3))).toEqual(["000", "001", "002", "003"]);
    for (const s of sections) expect(s.rows.length, s.title).toBeGreaterThanOrEqual(20);
  });

  it("every table row is | item | notebook | cell ids |, with back-ticked ids, or — in both columns", () => {
    expect(malformed).toEqual([]);
  });

  it("every named notebook exists in notebooks/", () => {
    const missing = rows.filter((r) => r.notebooks.some((n) => cellIdsOf(n) === undefined)).map((r) => `${r.section}: ${r.line}`);
    expect(missing).toEqual([]);
  });

  it("every cell id exists in the row's notebook, and every named notebook holds one of the row's ids", () => {
    const wrong: string[] = [];
    for (const r of rows) {
      const known = r.notebooks.map((n) => ({ n, ids: cellIdsOf(n) ?? new Set<string>() }));
      const absent = r.cellIds.filter((id) => !known.some(({ ids }) => ids.has(id)));
      const unused = known.filter(({ ids }) => !r.cellIds.some((id) => ids.has(id))).map(({ n }) => n);
      if (absent.length) wrong.push(`${r.line}  ← no cell ${absent.join(", ")} in ${r.notebooks.join(", ")}`);
      if (unused.length) wrong.push(`${r.line}  ← no listed cell is in ${unused.join(", ")}`);
    }
    expect(wrong).toEqual([]);
  });

  it("a section with an uncovered item (—) explains it in a \"Not carried over\" list", () => {
    const unexplained = sections.filter((s) => s.rows.some((r) => r.cellIds.length === 0) && !s.explainsGaps).map((s) => s.title);
    expect(unexplained).toEqual([]);
  });
});
