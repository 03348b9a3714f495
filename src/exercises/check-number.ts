// checkNumber: one numeric answer against the right value, with hints for the mistakes people make.

import { freeze, isArray, isFiniteNumber, ownOption } from "./intrinsics";
import { fail } from "./errors";
import { formatNumber, howWrong, sentence, whyNotANumber, withinTolerance } from "./describe";
import { showPassed } from "./passed";

/** A known wrong answer and what it tells the learner (e.g. "forgot the 2 in 2(z2 − y)"). */
export interface Mistake<T = number> {
  value: T;
  hint: string;
}

export interface NumberCheckOptions {
  /** Passes when |got − expected| ≤ tolerance · max(1, |expected|). Default 1e-6. */
  tolerance?: number;
  /** Known wrong answers, each with the hint it deserves; checked before the generic advice. */
  mistakes?: readonly Mistake[];
  /** Shown after the generic advice when no listed mistake matches. */
  hint?: string;
}

export const DEFAULT_TOLERANCE = 1e-6;

export { withinTolerance };

/** The hint of the first listed mistake that `got` equals, if any. */
export function matchMistake(got: number, mistakes: readonly Mistake[] | undefined, tolerance: number): string | undefined {
  if (mistakes === undefined || !isArray(mistakes)) return undefined;
  for (let i = 0; i < mistakes.length; i++) {
    const mistake = mistakes[i];
    if (typeof mistake?.value === "number" && withinTolerance(got, mistake.value, tolerance)) return mistake.hint;
  }
  return undefined;
}

/** Checks a number; shows ✓ when right, throws ExerciseError with specific feedback when wrong. */
export function checkNumber(name: string, got: unknown, expected: number, options?: NumberCheckOptions): void {
  if (!isFiniteNumber(expected)) {
    fail(`checkNumber: the expected value for ${name} must be a finite number, got ${formatNumber(expected)} (a bug in the test cell)`);
  }
  const problem = whyNotANumber(name, got);
  if (problem !== undefined) fail(problem);
  const value = got as number;
  const tolerance = ownOption(options, "tolerance", DEFAULT_TOLERANCE);
  if (withinTolerance(value, expected, tolerance)) {
    showPassed(`${name} = ${formatNumber(value)}`);
    return;
  }
  const known = matchMistake(value, ownOption(options, "mistakes", undefined), tolerance);
  if (known !== undefined) fail(`${name} = ${formatNumber(value)} is not right. ${known}`);
  const hint = ownOption<string | undefined>(options, "hint", undefined);
  fail(sentence(`${name} = ${formatNumber(value)} ${howWrong(value, expected, tolerance)}`) + (hint ? `\nHint: ${hint}` : ""));
}

freeze(checkNumber);
