/** Gradient check for functions of scalar Values: backward() against central differences. */

import { Value } from "../scalar/value";
import { GradCheckOptions } from "./gradcheck";
import { stepSize } from "./numeric";
import { GradCheckReport, gradCheckReport, paramCheck } from "./report";

/**
 * Runs f on Values made from `inputs` (labelled x0, x1, … unless `names` are given), calls backward,
 * and compares each input's grad with (f(x + h) − f(x − h)) / 2h evaluated on fresh Values.
 */
export function gradCheckValues(
  f: (...xs: Value[]) => Value,
  inputs: readonly number[],
  options: Omit<GradCheckOptions, "sparse" | "seed"> & { names?: readonly string[] } = {},
): GradCheckReport {
  const op = "gradCheckValues";
  if (typeof f !== "function") throw new Error(`${op}: f must be a function, got ${typeof f}`);
  if (!Array.isArray(inputs) || inputs.length === 0) throw new Error(`${op}: inputs must be a non-empty array of numbers, got ${String(inputs)}`);
  // f.length counts declared parameters; a rest parameter (...xs) reports 0 and accepts any count
  if (f.length > 0 && f.length !== inputs.length) {
    throw new Error(`${op}: f takes ${f.length} inputs, got ${inputs.length} values`);
  }
  inputs.forEach((x, i) => {
    if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`${op}: inputs[${i}] must be a finite number, got ${x}`);
  });
  const names = options.names ?? inputs.map((_, i) => `x${i}`);
  if (names.length !== inputs.length) throw new Error(`${op}: names must match inputs in length, got ${names.length} names for ${inputs.length} inputs`);
  const h = stepSize(op, options.h);

  const call = (xs: readonly number[]): Value => {
    const out = f(...xs.map((x, i) => new Value(x, names[i])));
    if (!(out instanceof Value)) throw new Error(`${op}: f must return a Value, got ${typeof out}`);
    return out;
  };
  const leaves = inputs.map((x, i) => new Value(x, names[i]));
  const out = f(...leaves);
  if (!(out instanceof Value)) throw new Error(`${op}: f must return a Value, got ${typeof out}`);
  out.backward();

  const checks = inputs.map((x, i) => {
    const plus = inputs.slice();
    const minus = inputs.slice();
    plus[i] = x + h;
    minus[i] = x - h;
    const numeric = (call(plus).data - call(minus).data) / (2 * h);
    return paramCheck(names[i], undefined, [0], [leaves[i].grad], [numeric]);
  });
  return gradCheckReport(checks, options.threshold);
}
