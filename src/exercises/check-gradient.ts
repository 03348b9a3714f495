// checkGradient: a gradient vector the learner computed by hand, against central differences of the loss.

import { DEFAULT_H, stepSize } from "../gradcheck/numeric";
import { relError } from "../gradcheck/relative-error";
import { apply, freeze, isArray, isFiniteNumber, ownOption } from "./intrinsics";
import { fail } from "./errors";
import { formatNumber, howWrong, sentence } from "./describe";
import { showPassed } from "./passed";
import { toGrid } from "./check-array";

export interface GradientCheckOptions {
  /** Central-difference step. Default 1e-5. */
  h?: number;
  /** Largest relative error per entry that passes: |a − n| / max(1e-8, |a| + |n|), gradcheck's relError (CS231n's). Default 1e-6. */
  tolerance?: number;
  hint?: string;
}

/** Central differences of f at x, one entry per coordinate: (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h. */
export function numericalGradient(f: (x: number[]) => number, x: readonly number[], h = DEFAULT_H): number[] {
  const point: number[] = [];
  for (let i = 0; i < x.length; i++) point[i] = x[i];
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const saved = point[i];
    point[i] = saved + h;
    const plus = apply(f, undefined, [point]) as number;
    point[i] = saved - h;
    const minus = apply(f, undefined, [point]) as number;
    point[i] = saved;
    out[i] = (plus - minus) / (2 * h);
  }
  return out;
}

/** grad should be ∇f(x); feedback names the worst entry and how it is wrong. */
export function checkGradient(name: string, grad: unknown, f: (x: number[]) => number, x: readonly number[], options?: GradientCheckOptions): void {
  if (!isArray(x) || x.length === 0) fail(`checkGradient: x must be a non-empty array of numbers (a bug in the test cell for ${name})`);
  const have = toGrid(name, typeof grad === "number" ? [grad] : grad);
  if (typeof have === "string") fail(have);
  if (have.values.length !== x.length) {
    fail(`${name} has ${have.values.length} entries, but f takes ${x.length} inputs: one partial derivative per input.`);
  }
  const numeric = numericalGradient(f, x, stepSize("checkGradient", ownOption<unknown>(options, "h", DEFAULT_H)));
  const tolerance = ownOption(options, "tolerance", 1e-6);
  let worst = -1;
  let worstError = 0;
  for (let i = 0; i < numeric.length; i++) {
    if (!isFiniteNumber(numeric[i])) fail(`checkGradient: f is not finite near x (a bug in the test cell for ${name})`);
    // A non-finite entry of the learner's reads as infinitely wrong, so the feedback below names it.
    const a = have.values[i];
    const relative = isFiniteNumber(a) ? relError(a, numeric[i]) : Infinity;
    if (relative > worstError || worst < 0) {
      worstError = relative;
      worst = i;
    }
  }
  if (worstError <= tolerance) {
    showPassed(`${name} agrees with central differences (worst relative error ${formatNumber(worstError)})`);
    return;
  }
  const hint = ownOption<string | undefined>(options, "hint", undefined);
  const index = have.values.length === 1 ? "" : `[${worst}]`;
  fail(
    `${name}${index} = ${formatNumber(have.values[worst])}, but central differences give ${formatNumber(numeric[worst])} ` +
      sentence(`(relative error ${formatNumber(worstError)}): it ${howWrong(have.values[worst], numeric[worst], 1e-4)}`) +
      (hint ? `\nHint: ${hint}` : ""),
  );
}

freeze(numericalGradient);
freeze(checkGradient);
