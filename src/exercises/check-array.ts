// checkArray: a vector or matrix answer; shape first, then the worst entry and where it is.

import { abs, freeze, isArray, isFiniteNumber, isView, ownOption } from "./intrinsics";
import { fail } from "./errors";
import { formatNumber, howWrong, sentence } from "./describe";
import { showPassed } from "./passed";
import { DEFAULT_TOLERANCE, Mistake, withinTolerance } from "./check-number";

/** Numbers in row-major order with their shape: [n] for a vector, [rows, cols] for a matrix. */
export interface Grid {
  shape: number[];
  values: number[];
}

export type ArrayAnswer = ArrayLike<number> | ReadonlyArray<ArrayLike<number>> | { shape: ArrayLike<number>; data: ArrayLike<number> };

export interface ArrayCheckOptions {
  tolerance?: number;
  mistakes?: readonly Mistake<ArrayAnswer>[];
  hint?: string;
}

function shapeText(shape: number[]): string {
  let out = "[";
  for (let i = 0; i < shape.length; i++) out += (i > 0 ? ", " : "") + shape[i];
  return out + "]";
}

function copyNumbers(from: ArrayLike<unknown>, into: unknown[]): void {
  for (let i = 0; i < from.length; i++) into[into.length] = from[i];
}

/** Reads an answer into a Grid, or returns why it cannot be read. */
export function toGrid(name: string, value: unknown): Grid | string {
  if (value === undefined) return `${name} is undefined. Did you run the cell above, and does it assign ${name}?`;
  if (value === null || typeof value !== "object") {
    return `${name} is ${typeof value === "number" ? "the number " + formatNumber(value) : value === null ? "null" : "a " + typeof value}; it should be an array.`;
  }
  const raw: unknown[] = [];
  let shape: number[];
  if (isArray(value) && value.length > 0 && (isArray(value[0]) || isView(value[0]))) {
    const rows = value.length;
    const cols = (value[0] as ArrayLike<unknown>).length;
    for (let r = 0; r < rows; r++) {
      const row = value[r] as unknown;
      if (!(isArray(row) || isView(row))) return `${name}[${r}] is not a row of numbers; every row of a matrix must be an array.`;
      const length = (row as ArrayLike<unknown>).length;
      if (length !== cols) return `${name} is ragged: row 0 has ${cols} entries but row ${r} has ${length}.`;
      copyNumbers(row as ArrayLike<unknown>, raw);
    }
    shape = [rows, cols];
  } else if (isArray(value) || isView(value)) {
    copyNumbers(value as ArrayLike<unknown>, raw);
    shape = [raw.length];
  } else if ("shape" in value && "data" in value) {
    const s = (value as { shape: unknown }).shape;
    const d = (value as { data: unknown }).data;
    if (!(isArray(s) || isView(s)) || !(isArray(d) || isView(d))) return `${name} has a shape and data, but they are not arrays.`;
    shape = [];
    copyNumbers(s as ArrayLike<unknown>, shape);
    copyNumbers(d as ArrayLike<unknown>, raw);
  } else {
    return `${name} is an object but not an array or matrix.`;
  }
  const values: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (typeof v !== "number") return `${name}${indexText(shape, i)} is ${v === undefined ? "undefined" : "not a number"}; every entry must be a number.`;
    if (!isFiniteNumber(v)) return `${name}${indexText(shape, i)} is ${formatNumber(v)}; every entry must be a finite number. Check what it was computed from.`;
    values[values.length] = v;
  }
  return { shape, values };
}

function indexText(shape: number[], flat: number): string {
  if (shape.length === 2 && shape[1] > 0) return `[${(flat - (flat % shape[1])) / shape[1]}][${flat % shape[1]}]`;
  return `[${flat}]`;
}

function sameShape(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when every entry of got is within tolerance of target(i), the value a given mistake would produce there. */
function allNear(got: Grid, tolerance: number, target: (i: number) => number): boolean {
  for (let i = 0; i < got.values.length; i++) {
    if (!withinTolerance(got.values[i], target(i), tolerance)) return false;
  }
  return true;
}

/** Fails with the hint of the first listed mistake that `have` equals (same shape, every entry within tolerance). */
function failOnKnownMistake(name: string, have: Grid, mistakes: readonly Mistake<ArrayAnswer>[] | undefined, tolerance: number): void {
  if (mistakes === undefined || !isArray(mistakes)) return;
  for (let m = 0; m < mistakes.length; m++) {
    const candidate = toGrid("mistake", mistakes[m]?.value);
    if (typeof candidate !== "string" && sameShape(candidate.shape, have.shape) && allNear(have, tolerance, (i) => candidate.values[i])) {
      fail(`${name} is not right. ${mistakes[m].hint}`);
    }
  }
}

function shapeProblem(name: string, got: Grid, expected: Grid): string {
  const g = shapeText(got.shape);
  const e = shapeText(expected.shape);
  let advice = "";
  if (got.shape.length === 2 && expected.shape.length === 2 && got.shape[0] === expected.shape[1] && got.shape[1] === expected.shape[0]) {
    advice = " That is the transpose: swap the operands of the product, or transpose one of them.";
  } else if (got.values.length === expected.values.length) {
    advice = " Same number of entries, different layout: check which axis is which.";
  } else if (got.shape.length === 1 && expected.shape.length === 1) {
    advice = got.shape[0] > expected.shape[0] ? " Too many entries." : " Too few entries.";
  }
  return `${name} has shape ${g}, expected ${e}.${advice}`;
}

/** Checks a vector or matrix; ✓ when every entry is within tolerance, else feedback on the worst. */
export function checkArray(name: string, got: unknown, expected: ArrayAnswer, options?: ArrayCheckOptions): void {
  const want = toGrid("the expected value", expected);
  if (typeof want === "string") fail(`checkArray: ${want} (a bug in the test cell for ${name})`);
  const have = toGrid(name, got);
  if (typeof have === "string") fail(have);
  const tolerance = ownOption(options, "tolerance", DEFAULT_TOLERANCE);
  const mistakes = ownOption<readonly Mistake<ArrayAnswer>[] | undefined>(options, "mistakes", undefined);
  if (!sameShape(have.shape, want.shape)) {
    failOnKnownMistake(name, have, mistakes, tolerance); // a known mistake may have another shape (a batch dropped, a sum forgotten)
    fail(shapeProblem(name, have, want));
  }
  const w = want.values;
  let wrong = 0;
  let worst = -1;
  let worstGap = -1;
  for (let i = 0; i < w.length; i++) {
    const gap = abs(have.values[i] - w[i]) / (abs(w[i]) > 1 ? abs(w[i]) : 1);
    if (!withinTolerance(have.values[i], w[i], tolerance)) {
      wrong++;
      if (gap > worstGap) {
        worstGap = gap;
        worst = i;
      }
    }
  }
  if (wrong === 0) {
    showPassed(`${name}: all ${w.length} entries match (shape ${shapeText(want.shape)})`);
    return;
  }
  failOnKnownMistake(name, have, mistakes, tolerance);
  const hint = ownOption<string | undefined>(options, "hint", undefined);
  const tail = hint ? `\nHint: ${hint}` : "";
  if (allNear(have, tolerance, (i) => -w[i])) fail(`${name}: every entry has the wrong sign.${tail}`);
  const factors = [2, 0.5];
  for (let f = 0; f < factors.length; f++) {
    const k = factors[f];
    if (allNear(have, tolerance, (i) => w[i] * k)) {
      fail(`${name}: every entry is ${k === 2 ? "twice" : "half"} the right value: ${k === 2 ? "an extra" : "a missing"} factor of 2?${tail}`);
    }
  }
  const s = want.shape;
  if (s.length === 2 && s[0] === s[1] && s[0] > 1) {
    const n = s[0];
    const transposed = (i: number) => w[(i % n) * n + (i - (i % n)) / n];
    if (allNear(have, tolerance, transposed)) fail(`${name} is the transpose of the answer: swap the operands of the product, or transpose one.${tail}`);
  }
  const where = name + indexText(s, worst);
  const count = wrong === w.length ? `All ${w.length} entries are wrong` : `${wrong} of ${w.length} entries are wrong`;
  fail(sentence(`${name}: ${count}; the worst is ${where} = ${formatNumber(have.values[worst])}, which ${howWrong(have.values[worst], w[worst], tolerance)}`) + tail);
}

freeze(checkArray);
