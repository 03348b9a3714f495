// Words for feedback: how to print a number, what a non-number is, and how a wrong number is wrong.

import { abs, isArray, isFiniteNumber, isInteger, isNaNNumber, isView, precision, hasOwn } from "./intrinsics";

/** Short, exact-looking numbers: 3, -0.5, 1.4 (not 1.4000000000000001), 2.5e-7. */
export function formatNumber(x: number): string {
  if (isNaNNumber(x)) return "NaN";
  if (!isFiniteNumber(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return "0";
  if (isInteger(x) && abs(x) < 1e15) return `${x}`;
  const text = precision(x, 6);
  return trimZeros(text);
}

// "1.40000" → "1.4", "2.50000e-7" → "2.5e-7"; written with index loops so no patched
// String.prototype method runs.
function trimZeros(text: string): string {
  let mantissaEnd = text.length;
  for (let i = 0; i < text.length; i++) if (text[i] === "e") mantissaEnd = i;
  let hasDot = false;
  for (let i = 0; i < mantissaEnd; i++) if (text[i] === ".") hasDot = true;
  let keep = mantissaEnd;
  if (hasDot) {
    while (keep > 0 && text[keep - 1] === "0") keep--;
    if (keep > 0 && text[keep - 1] === ".") keep--;
  }
  let out = "";
  for (let i = 0; i < keep; i++) out += text[i];
  for (let i = mantissaEnd; i < text.length; i++) out += text[i];
  return out;
}

/** Why `got` cannot be checked as a number, or undefined when it is a finite number. */
export function whyNotANumber(name: string, got: unknown): string | undefined {
  if (typeof got === "number") {
    if (isNaNNumber(got)) {
      return `${name} is NaN. Something it was computed from is undefined or NaN: check the cells above it ran and gave numbers.`;
    }
    if (!isFiniteNumber(got)) {
      return `${name} is ${formatNumber(got)}. A division by zero, or a value that grew without bound?`;
    }
    return undefined;
  }
  if (got === undefined) return `${name} is undefined. Did you run the cell above, and does it assign ${name}?`;
  if (got === null) return `${name} is null; it should be a number.`;
  if (typeof got === "string") {
    return `${name} is the string "${got}"; it should be a number. Remove the quotes and compute it in code.`;
  }
  if (typeof got === "bigint") return `${name} is a bigint (${got}n); use an ordinary number.`;
  if (typeof got === "boolean") return `${name} is ${got}; it should be a number.`;
  if (typeof got === "function") {
    return `${name} is a function; it should be a number. Did you forget to call it, like ${name}()?`;
  }
  if (typeof got === "object") {
    if (isArray(got) || isView(got)) return `${name} is an array; it should be a single number.`;
    if (hasOwn(got, "data")) {
      const data = (got as { data: unknown }).data;
      if (typeof data === "number") {
        return `${name} is a Value; pass its number instead: ${name}.data (here ${formatNumber(data)}).`;
      }
    }
    return `${name} is an object; it should be a number.`;
  }
  return `${name} is a ${typeof got}; it should be a number.`;
}

/** |got − expected| ≤ tolerance · max(1, |expected|): the one closeness rule every check and hint uses. */
export function withinTolerance(got: number, expected: number, tolerance: number): boolean {
  return abs(got - expected) <= tolerance * (abs(expected) > 1 ? abs(expected) : 1);
}

const FACTORS = [2, 3, 4, 5, 10, 100] as const;

/**
 * How a finite wrong number relates to the right one, in words, without giving the answer away:
 * a flipped sign, a missing or extra factor, zero, close-but-rounded, or simply too big or too small.
 */
export function howWrong(got: number, expected: number, tolerance: number): string {
  const tol = tolerance > 1e-9 ? tolerance : 1e-9;
  if (expected !== 0 && withinTolerance(got, -expected, tol)) {
    return "has the right size but the wrong sign";
  }
  if (expected !== 0 && got === 0) {
    return "is 0, but the answer is not: is one of its factors zero, or missing?";
  }
  if (expected === 0) {
    return got > 0 ? "is too big: the answer is 0" : "is too small: the answer is 0";
  }
  for (let i = 0; i < FACTORS.length; i++) {
    const k = FACTORS[i];
    if (withinTolerance(got, expected * k, tol)) return `is ${k} times too big: an extra factor of ${k}?`;
    if (withinTolerance(got, expected / k, tol)) return `is ${k} times too small: a missing factor of ${k}?`;
    if (withinTolerance(got, -expected * k, tol)) return `has the wrong sign and is ${k} times too big`;
    if (withinTolerance(got, -expected / k, tol)) return `has the wrong sign and is ${k} times too small`;
  }
  const relative = abs(got - expected) / abs(expected);
  if (relative < 0.01) {
    return "is close but not close enough: did you round, or type digits instead of computing the value?";
  }
  const sameSign = (got > 0) === (expected > 0);
  if (!sameSign) return "has the wrong sign (and the wrong size)";
  return abs(got) > abs(expected) ? "is too big" : "is too small";
}

/** Ends a sentence with a full stop unless it already ends with one, or with a question mark. */
export function sentence(text: string): string {
  const last = text.length > 0 ? text[text.length - 1] : "";
  return last === "." || last === "?" || last === "!" ? text : text + ".";
}
