// No visible cell of a release (what `assign` makes and the learner's workspace serves) gives an exercise away:
// the forbidden strings come from the answer keys and the instructor's solutions, never from a hand list.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/grading/course";
import { Cell, gradeIdOf, isAutogradedTest, isSolution, sourceOf } from "../src/grading/cells";
import { BEGIN_SOLUTION, END_SOLUTION } from "../src/grading/markers";
import { keyFor, keyedGradeIds } from "../src/exercises/keys/registry";
import type { KeyItem } from "../src/exercises/key";

const NOTEBOOKS = path.join(__dirname, "..", "notebooks");
const KEYS = path.join(__dirname, "..", "src", "exercises", "keys");
const course = loadCourse([NOTEBOOKS]);

const lazy = (v: unknown): unknown => (typeof v === "function" ? (v as () => unknown)() : v);

/** Every number in an expected answer (a number, nested arrays, a Matrix-like { data }). */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === "number") out.push(value);
  else if (Array.isArray(value) || ArrayBuffer.isView(value)) for (const v of Array.from(value as ArrayLike<unknown>)) numbersIn(v, out);
  else if (value !== null && typeof value === "object" && "data" in value) numbersIn((value as { data: unknown }).data, out);
  return out;
}

/** Numeric literals written in source, with their value and significant digits: -9, −9, 1.4, 0.0556, 1/18, 1 / 18 (a full stop after a number ends a sentence, it is no decimal point). */
function literalsIn(source: string): { text: string; value: number; digits: number; decimals: number }[] {
  const out: { text: string; value: number; digits: number; decimals: number }[] = [];
  const pattern = /(?<![\w.])([-−])?(\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?:\s*\/\s*(\d+(?:\.\d+)?))?(?!\w|\.\d)/g;
  for (const m of source.matchAll(pattern)) {
    const sign = m[1] ? -1 : 1;
    const mantissa = m[2].split("e")[0].replace(".", "").replace(/^0+/, "");
    const decimals = m[2].includes(".") && !m[2].includes("e") ? m[2].split(".")[1].length : 0;
    const value = sign * (m[3] ? Number(m[2]) / Number(m[3]) : Number(m[2]));
    out.push({ text: m[0], value, digits: m[3] ? 99 : mantissa.length, decimals: m[3] ? 99 : decimals });
  }
  return out;
}

/** Code without its comments and string literals: what is left is what runs, so only that can be problem data. */
function codeOnly(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g, " ");
}

/**
 * The numbers a learner is given before answering an exercise: literals in the code (not the comments or strings) of
 * the visible code cells above its answer cell. Prose never counts as given, wherever it stands: a sentence that
 * states a value is either problem data the code above already holds (then the code makes it given) or a result,
 * and a result in prose above the exercise is as much a spoiler as one below it. So the only way to make a number
 * pass is to put it into the code the learner runs before answering, where it is plainly problem data; a comment,
 * a string (a review question, a chart title) or a sentence cannot do it.
 */
function givenBefore(cells: Cell[], answerAt: number): ReturnType<typeof literalsIn> {
  return cells
    .slice(0, answerAt)
    .filter((c) => c.cell_type === "code" && !isSolution(c) && !isAutogradedTest(c))
    .flatMap((c) => literalsIn(codeOnly(sourceOf(c))));
}

/** A literal gives v away when it is v, or v rounded to the literal's decimals with at least 3 significant digits. */
function spells(literal: { value: number; digits: number; decimals: number }, v: number): boolean {
  if (literal.value === v || Math.abs(literal.value - v) <= 1e-12 * Math.max(1, Math.abs(v))) return true;
  return literal.digits >= 3 && literal.decimals < 20 && Math.abs(literal.value - v) <= 0.5 * 10 ** -literal.decimals;
}

/** What each keyed check expects, as forbidden numbers and texts. */
function forbiddenOf(gradeId: string): { numbers: number[]; texts: string[] } {
  const numbers: number[] = [];
  const texts: string[] = [];
  for (const [name, item] of keyFor(gradeId)!.items as (readonly [string, KeyItem])[]) {
    if ("number" in item) numbers.push(...numbersIn(lazy(item.number)));
    if ("array" in item) numbers.push(...numbersIn(lazy(item.array)));
    const field = ("label" in item ? item.label : name).split(".").pop()!;
    if ("choice" in item) texts.push(`${field}: "${item.choice}"`, `${field} = "${item.choice}"`);
    if ("matching" in item) for (const [term, pick] of Object.entries(item.matching)) texts.push(`${term}: "${pick}"`);
  }
  return { numbers, texts };
}

/** The instructor's solution lines worth hiding (code, not comments or one-word lines), whitespace-normalized. */
function solutionLines(cell: Cell): string[] {
  const lines = sourceOf(cell).split("\n");
  const begin = lines.findIndex((l) => l.includes(BEGIN_SOLUTION));
  const end = lines.findIndex((l) => l.includes(END_SOLUTION));
  const region = begin >= 0 && end > begin ? lines.slice(begin + 1, end) : lines;
  return region.map((l) => l.replace(/\/\/.*$/, "").replace(/\s+/g, " ").trim()).filter((l) => l.length >= 12);
}

/** The names a visible code cell imports from the module. */
const importedNames = (source: string): string[] =>
  [...source.matchAll(/import (?:type )?\{([^}]*)\} from "backprop-lab"/g)].flatMap((m) => m[1].split(",").map((n) => n.replace(/^\s*type\s+/, "").trim()));

/** A notebook's or key file's place in the course: "08b-sanity-checks.ipynb" → "08b"; plain strings sort in course order. */
const courseNumber = (file: string): string => file.slice(0, file.indexOf("-"));

/** True when a notebook before `number` imports `name` in a visible cell: a building block taught before, not an answer. */
function taughtBefore(name: string, number: string): boolean {
  return course.notebooks.some((n) => courseNumber(n.name) < number && n.release.cells.some((c) => c.cell_type === "code" && importedNames(sourceOf(c)).includes(name)));
}

/**
 * Module names the answer keys of notebook NN (files NN-….ts) import from the network code: reference implementations a
 * visible cell must not offer, in that notebook or any before it (a later notebook may use what an earlier exercise
 * asked for: 08b's debugging runs 08's softmaxLoss). A key may also build its problem from layers, optimizers or fit
 * that an earlier notebook already taught (09's training-loop key compares the learner's loop with fit on a
 * Sequential): those are not answers. Name → the key's notebook number.
 */
function referenceNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of fs.readdirSync(KEYS).filter((f) => /^\d/.test(f))) {
    const number = courseNumber(file);
    for (const m of fs.readFileSync(path.join(KEYS, file), "utf8").matchAll(/import \{([^}]*)\} from "\.\.\/\.\.\/nn\/[^"]+"/g)) {
      for (const name of m[1].split(",").map((n) => n.trim())) {
        const latest = names.get(name);
        if (name && !taughtBefore(name, number) && (latest === undefined || latest < number)) names.set(name, number);
      }
    }
  }
  return names;
}

describe("releases give no exercise away", () => {
  const graded = course.notebooks.filter((n) => n.source.cells.some(isAutogradedTest));
  const references = referenceNames();

  it("derives its forbidden strings from every answer key and every solution", () => {
    expect([...references.keys()]).toEqual(expect.arrayContaining(["sigmoidNetBackward", "softmaxLoss", "clipGradNorm"]));
    expect([...references.keys()]).not.toContain("fit"); // taught in 08b; 09's key guards against a trainLoop that calls it
    const testIds = graded.flatMap((n) => n.source.cells.filter(isAutogradedTest).map((c) => gradeIdOf(c)!.replace(/-tests$/, "")));
    for (const id of testIds) expect(keyedGradeIds(), `answer key for ${id}`).toContain(id);
  });

  for (const notebook of graded) {
    it(`${notebook.name}: no visible cell, prose or code, holds an expected value, choice, solution line or reference name`, () => {
      const cells = notebook.source.cells;
      const at = (gradeId: string) => cells.findIndex((c) => gradeIdOf(c) === gradeId);
      // The checks whose answer or test cell is in this notebook (08 and 08b share the prefix ch08-).
      const ids = keyedGradeIds().filter((id) => at(keyFor(id)!.answer ?? id) >= 0 || at(`${id}-tests`) >= 0);
      expect(ids.length).toBeGreaterThan(0);
      const problems: string[] = [];
      const visible = notebook.release.cells;
      const allSolutionLines = cells.filter((c) => isSolution(c) && c.cell_type === "code").flatMap(solutionLines);
      for (const id of ids) {
        const { numbers, texts } = forbiddenOf(id);
        // A number the learner is given as problem data before answering (see givenBefore) is not a spoiler, and
        // small whole numbers (counts, indices, exponents) are everywhere.
        // A check of code written earlier (05's README example runs the learner's engine) has no answer cell of
        // its own: what stands above its test cell is given.
        const answerId = keyFor(id)!.answer ?? id;
        const answerAt = at(answerId) >= 0 ? at(answerId) : at(`${id}-tests`);
        expect(answerAt, `${id}'s answer or test cell`).toBeGreaterThan(0);
        const given = givenBefore(cells, answerAt);
        const everyday = (v: number) => Number.isInteger(v) && Math.abs(v) <= 10;
        const secret = numbers.filter((v) => Number.isFinite(v) && !everyday(v) && !given.some((g) => spells(g, v)));
        for (const cell of visible) {
          const source = sourceOf(cell);
          for (const literal of literalsIn(source)) {
            const hit = secret.find((v) => spells(literal, v));
            if (hit !== undefined) problems.push(`${cell.id}: "${literal.text}" spells ${id}'s expected ${hit}`);
          }
          for (const text of texts) if (source.includes(text)) problems.push(`${cell.id}: holds ${id}'s expected choice ${text}`);
        }
      }
      for (const cell of visible) {
        const normalized = sourceOf(cell).split("\n").map((l) => l.replace(/\s+/g, " ").trim());
        for (const line of allSolutionLines) if (normalized.includes(line)) problems.push(`${cell.id}: holds the solution line "${line}"`);
        for (const [name, keyNumber] of references) {
          if (keyNumber < courseNumber(notebook.name)) continue;
          if (new RegExp(`\\b${name}\\b`).test(sourceOf(cell))) problems.push(`${cell.id}: names the reference implementation ${name}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("test cells read like check(gradeId, () => answers) and the answer stubs declare nothing", () => {
    for (const notebook of graded) {
      for (const cell of notebook.release.cells) {
        if (isAutogradedTest(cell)) expect(sourceOf(cell), `${notebook.name} ${cell.id}`).toMatch(/^import \{ check[^}]*\} from "backprop-lab";\ncheck\("[\w-]+", \(\) => \(\{ [\w, ]+ \}\)\);/);
        // The stub is all an answer cell holds outside a function answer's signature: no pre-declared names.
        if (isSolution(cell) && cell.cell_type === "code") expect(sourceOf(cell), `${notebook.name} ${cell.id}`).not.toMatch(/^(let|const|var) /m);
      }
    }
  });
});
