// checkFunction and checkDerivative: a learner's function against a reference, or against central differences.

import { abs, apply, freeze, isArray, isFiniteNumber, ownOption } from "./intrinsics";
import { fail } from "./errors";
import { formatNumber, howWrong, sentence, whyNotANumber } from "./describe";
import { showPassed } from "./passed";
import { isStubError } from "./stub-message";
import { DEFAULT_TOLERANCE, Mistake, withinTolerance } from "./check-number";

type NumberFunction = (...args: number[]) => number;
/** A sample point: one number for a function of one variable, or the argument list. */
export type SamplePoint = number | readonly number[];

export interface FunctionCheckOptions {
  /** Where to compare; include the points where people go wrong (0, negatives, kinks). */
  at: readonly SamplePoint[];
  tolerance?: number;
  /** Known wrong functions (e.g. ReLU's derivative that is 1 everywhere), each with its hint. */
  mistakes?: readonly Mistake<NumberFunction>[];
  hint?: string;
}

export interface DerivativeCheckOptions {
  at: readonly number[];
  /** Step of the central difference (f(x+h) − f(x−h)) / 2h. Default 1e-5. */
  h?: number;
  /** Largest relative error |a − n| / max(|a|, |n|, 1) that passes. Default 1e-6. */
  tolerance?: number;
  hint?: string;
}

function argsOf(point: SamplePoint): number[] {
  const out: number[] = [];
  if (typeof point === "number") out[0] = point;
  else for (let i = 0; i < point.length; i++) out[i] = point[i];
  return out;
}

function callText(name: string, args: number[]): string {
  let out = name + "(";
  for (let i = 0; i < args.length; i++) out += (i > 0 ? ", " : "") + formatNumber(args[i]);
  return out + ")";
}

function errorText(error: unknown): string {
  if (error !== null && typeof error === "object" && "message" in error) return `${(error as { message: unknown }).message}`;
  return `${error}`;
}

/** Calls the learner's function; any throw or non-number becomes feedback naming the call. */
function callLearner(name: string, fn: NumberFunction, args: number[]): number {
  let result: unknown;
  try {
    result = apply(fn, undefined, args);
  } catch (error) {
    // An answer whose body is still the stub is unanswered, not wrong: check() says so.
    if (isStubError(error)) throw error;
    fail(`${callText(name, args)} threw: ${errorText(error)}`);
  }
  const problem = whyNotANumber(callText(name, args), result);
  if (problem !== undefined) fail(problem);
  return result as number;
}

function requireFunction(name: string, fn: unknown): asserts fn is NumberFunction {
  if (typeof fn === "function") return;
  if (fn === undefined) fail(`${name} is undefined. Did you run the cell that defines it?`);
  fail(`${name} should be a function, got ${typeof fn === "number" ? "the number " + formatNumber(fn) : fn === null ? "null" : "a " + typeof fn}.`);
}

/** Compares fn with reference at every sample point; feedback names the first point that differs. */
export function checkFunction(name: string, fn: unknown, reference: NumberFunction, options: FunctionCheckOptions): void {
  requireFunction(name, fn);
  const points = ownOption<readonly SamplePoint[]>(options, "at", []);
  if (!isArray(points) || points.length === 0) fail(`checkFunction: options.at must list sample points (a bug in the test cell for ${name})`);
  const tolerance = ownOption(options, "tolerance", DEFAULT_TOLERANCE);
  const got: number[] = [];
  const want: number[] = [];
  let firstWrong = -1;
  for (let i = 0; i < points.length; i++) {
    const args = argsOf(points[i]);
    want[i] = apply(reference, undefined, args) as number;
    got[i] = callLearner(name, fn, args);
    if (firstWrong < 0 && !withinTolerance(got[i], want[i], tolerance)) firstWrong = i;
  }
  if (firstWrong < 0) {
    showPassed(`${name} matches at all ${points.length} sample points`);
    return;
  }
  const mistakes = ownOption<readonly Mistake<NumberFunction>[] | undefined>(options, "mistakes", undefined);
  if (mistakes !== undefined && isArray(mistakes)) {
    for (let m = 0; m < mistakes.length; m++) {
      const wrongFn = mistakes[m]?.value;
      if (typeof wrongFn !== "function") continue;
      let same = true;
      for (let i = 0; i < points.length && same; i++) {
        same = withinTolerance(got[i], apply(wrongFn, undefined, argsOf(points[i])) as number, tolerance);
      }
      if (same) fail(`${name} is not right: ${callText(name, argsOf(points[firstWrong]))} gave ${formatNumber(got[firstWrong])}. ${mistakes[m].hint}`);
    }
  }
  const hint = ownOption<string | undefined>(options, "hint", undefined);
  const call = callText(name, argsOf(points[firstWrong]));
  fail(`${call} gave ${formatNumber(got[firstWrong])}, but it should be ${formatNumber(want[firstWrong])}.` + (hint ? `\nHint: ${hint}` : ""));
}

/** Compares a learner's derivative df with the central difference of f at each point. */
export function checkDerivative(name: string, df: unknown, f: (x: number) => number, options: DerivativeCheckOptions): void {
  requireFunction(name, df);
  const points = ownOption<readonly number[]>(options, "at", []);
  if (!isArray(points) || points.length === 0) fail(`checkDerivative: options.at must list sample points (a bug in the test cell for ${name})`);
  const h = ownOption(options, "h", 1e-5);
  const tolerance = ownOption(options, "tolerance", DEFAULT_TOLERANCE);
  let worstError = 0;
  for (let i = 0; i < points.length; i++) {
    const x = points[i];
    const analytic = callLearner(name, df, [x]);
    const numeric = (apply(f, undefined, [x + h]) as number) - (apply(f, undefined, [x - h]) as number);
    const slope = numeric / (2 * h);
    if (!isFiniteNumber(slope)) fail(`checkDerivative: f is not finite near x = ${formatNumber(x)} (a bug in the test cell for ${name})`);
    const scale = abs(analytic) > abs(slope) ? abs(analytic) : abs(slope);
    const relative = abs(analytic - slope) / (scale > 1 ? scale : 1);
    if (relative > tolerance) {
      const hint = ownOption<string | undefined>(options, "hint", undefined);
      fail(
        `${callText(name, [x])} = ${formatNumber(analytic)}, but the slope measured by central differences there is ` +
          sentence(`${formatNumber(slope)} (relative error ${formatNumber(relative)}): your derivative ${howWrong(analytic, slope, 1e-4)}`) +
          (hint ? `\nHint: ${hint}` : ""),
      );
    }
    if (relative > worstError) worstError = relative;
  }
  showPassed(`${name} agrees with central differences at ${points.length} points (worst relative error ${formatNumber(worstError)})`);
}

freeze(checkFunction);
freeze(checkDerivative);
