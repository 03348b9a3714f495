/** Gradient checks for parameter arrays and Tensor-like parameters: analytic gradients against central differences. */

import { NumpyRandom } from "../core/random";
import { numericGradient, stepSize } from "./numeric";
import { DEFAULT_THRESHOLD } from "./relative-error";
import { GradCheckReport, ParamCheck, gradCheckReport, paramCheck } from "./report";

/** A parameter to check: its values (perturbed in place, then restored) and the analytic gradient the caller's backward filled. */
export interface ParamToCheck {
  name: string;
  data: Float64Array;
  grad: Float64Array | null;
  shape?: readonly number[];
}

export interface GradCheckOptions {
  /** step of the central difference (default 1e-5, CS231n's) */
  h?: number;
  /** check only this many random coordinates per parameter (CS231n's grad_check_sparse) */
  sparse?: number;
  /** seed for the sparse coordinates and for gradCheckTensors' output weights (default 0) */
  seed?: number;
  /** `passed` means worst relative error <= threshold (default 1e-7) */
  threshold?: number;
}

/**
 * Compares each parameter's `grad` with (loss(x + h) − loss(x − h)) / 2h, coordinate by coordinate.
 * `lossFn` must recompute the loss from the parameters' current `data`; the analytic gradients are
 * copied before any perturbation, and every perturbed value is put back, even if `lossFn` throws.
 */
export function gradCheck(lossFn: () => number, params: readonly ParamToCheck[], options: GradCheckOptions = {}): GradCheckReport {
  const op = "gradCheck";
  if (typeof lossFn !== "function") throw new Error(`${op}: lossFn must be a function, got ${typeof lossFn}`);
  checkParamList(op, params);
  const { h, sparse, rng, threshold } = readOptions(op, options);
  const analyticAll = params.map((p) => {
    if (p.grad === null || p.grad === undefined) {
      throw new Error(`${op}: param "${p.name}" has no analytic gradient (grad is ${p.grad}): run backward first`);
    }
    if (!(p.grad instanceof Float64Array) || p.grad.length !== p.data.length) {
      throw new Error(`${op}: param "${p.name}" grad must be a Float64Array of ${p.data.length} values like its data, got ${describeArray(p.grad)}`);
    }
    return p.grad.slice(); // lossFn might run backward again
  });
  const base = lossFn();
  if (typeof base !== "number" || !Number.isFinite(base)) {
    throw new Error(`${op}: loss must be a finite number, got ${typeof base === "number" ? base : typeof base}`);
  }
  const checks: ParamCheck[] = params.map((p, k) => {
    const indices = pickIndices(p.data.length, sparse, rng);
    const numeric = numericGradient(lossFn, p.data, { h, indices, name: p.name });
    const analytic = indices.map((i) => analyticAll[k][i]);
    return paramCheck(p.name, p.shape, indices, analytic, numeric);
  });
  return gradCheckReport(checks, threshold);
}

/** Anything shaped like our Tensor: row-major data, a gradient after backward, and a name or label. */
export interface TensorLikeParam {
  data: Float64Array;
  grad: Float64Array | null;
  shape?: readonly number[];
  name?: string;
  label?: string;
  zeroGrad?: () => void;
}

/** What the forward function returns: a Tensor-like output that can run backward. */
export interface TensorLikeOutput {
  data: Float64Array;
  backward(dOut?: Float64Array): void;
}

/**
 * Checks the gradients `forward().backward()` gives Tensor-like `params`.
 * A scalar output is the loss itself. A larger output is weighted by fixed random numbers w (seeded):
 * loss = Σ out · w and backward(w), so a transposed or misplaced gradient cannot cancel out (HIPS autograd's trick).
 */
export function gradCheckTensors(
  forward: () => TensorLikeOutput,
  params: readonly TensorLikeParam[],
  options: GradCheckOptions = {},
): GradCheckReport {
  const op = "gradCheckTensors";
  if (typeof forward !== "function") throw new Error(`${op}: forward must be a function, got ${typeof forward}`);
  if (!Array.isArray(params) || params.length === 0) throw new Error(`${op}: params must be a non-empty array, got ${describeArray(params)}`);
  const named = params.map((p, i) => {
    if (p === null || typeof p !== "object" || !(p.data instanceof Float64Array)) {
      throw new Error(`${op}: params[${i}] must have a Float64Array data, got ${describeArray(p)}`);
    }
    return { p, name: p.name ?? p.label ?? `param${i}` };
  });
  for (const { p } of named) {
    if (typeof p.zeroGrad === "function") p.zeroGrad();
    else if (p.grad) p.grad.fill(0);
  }
  const out = forward();
  checkOutput(op, out);
  const weights = out.data.length === 1 ? null : new NumpyRandom(options.seed ?? 0).randn(out.data.length);
  out.backward(weights ?? undefined);
  const analytic = named.map(({ p, name }) => {
    if (!p.grad) throw new Error(`${op}: param "${name}" got no gradient from backward (grad is null): does it require grad and feed the output?`);
    return { name, data: p.data, grad: p.grad.slice(), shape: p.shape };
  });
  const loss = (): number => {
    const o = forward();
    checkOutput(op, o);
    if (weights === null) return o.data[0];
    let s = 0;
    for (let i = 0; i < weights.length; i++) s += o.data[i] * weights[i];
    return s;
  };
  return gradCheck(loss, analytic, options);
}

function checkOutput(op: string, out: TensorLikeOutput): void {
  if (out === null || typeof out !== "object" || !(out.data instanceof Float64Array) || typeof out.backward !== "function") {
    throw new Error(`${op}: forward must return a Tensor (data and backward), got ${describeArray(out)}`);
  }
  if (out.data.length === 0) throw new Error(`${op}: forward output must hold at least one value, got 0`);
}

function checkParamList(op: string, params: readonly ParamToCheck[]): void {
  if (!Array.isArray(params) || params.length === 0) throw new Error(`${op}: params must be a non-empty array, got ${describeArray(params)}`);
  const seen = new Set<string>();
  params.forEach((p, i) => {
    if (p === null || typeof p !== "object" || typeof p.name !== "string") {
      throw new Error(`${op}: params[${i}] must be { name, data, grad }, got ${describeArray(p)}`);
    }
    if (!(p.data instanceof Float64Array)) throw new Error(`${op}: param "${p.name}" data must be a Float64Array, got ${describeArray(p.data)}`);
    if (seen.has(p.name)) throw new Error(`${op}: param names must be unique, got "${p.name}" twice`);
    seen.add(p.name);
  });
}

function readOptions(op: string, options: GradCheckOptions) {
  const h = stepSize(op, options.h);
  const sparse = options.sparse;
  if (sparse !== undefined && (!Number.isInteger(sparse) || sparse < 1)) {
    throw new Error(`${op}: sparse must be a positive integer (coordinates per parameter), got ${sparse}`);
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (typeof threshold !== "number" || !(threshold >= 0)) throw new Error(`${op}: threshold must be a number >= 0, got ${threshold}`);
  return { h, sparse, threshold, rng: new NumpyRandom(options.seed ?? 0) };
}

/** All indices, or `sparse` distinct random ones in increasing order. */
function pickIndices(n: number, sparse: number | undefined, rng: NumpyRandom): number[] {
  if (sparse === undefined || sparse >= n) return Array.from({ length: n }, (_, i) => i);
  return rng.choice(n, sparse, false).sort((a, b) => a - b);
}

function describeArray(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (ArrayBuffer.isView(x)) return `${x.constructor.name} of ${(x as unknown as ArrayLike<number>).length} values`;
  if (Array.isArray(x)) return `an array of ${x.length}`;
  return typeof x === "object" ? ((x as object).constructor?.name ?? "object") : typeof x;
}
