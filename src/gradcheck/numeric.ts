/** Central differences: f(x + h) and f(x − h) per coordinate, restoring every value it touches. Imports nothing. */

/** The central-difference step every check uses unless told otherwise (CS231n's). */
export const DEFAULT_H = 1e-5;

/** h, or DEFAULT_H when it is undefined; throws naming `op` unless it is a positive finite number. */
export function stepSize(op: string, h: unknown = DEFAULT_H): number {
  if (typeof h !== "number" || !(h > 0) || !Number.isFinite(h)) throw new Error(`${op}: h must be a positive finite number, got ${String(h)}`);
  return h;
}

/**
 * ∂f/∂x[i] ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h for each i in `indices` (default: all), changing `x`
 * in place while it measures and putting each value back even when `f` throws.
 * Returns the estimates in the order of `indices`. Error is O(h²), against O(h) for the one-sided form.
 */
export function numericGradient(
  f: () => number,
  x: Float64Array,
  options: { h?: number; indices?: readonly number[]; name?: string } = {},
): Float64Array {
  const h = stepSize("numericGradient", options.h);
  const name = options.name ?? "x";
  if (!(x instanceof Float64Array)) throw new Error(`numericGradient: ${name} must be a Float64Array, got ${typeName(x)}`);
  const indices = options.indices ?? Array.from({ length: x.length }, (_, i) => i);
  const out = new Float64Array(indices.length);
  indices.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= x.length) {
      throw new Error(`numericGradient: index must lie in [0, ${x.length}) for ${name}, got ${i}`);
    }
    const old = x[i];
    try {
      x[i] = old + h;
      const plus = evaluate(f, name, i, "+ h");
      x[i] = old - h;
      const minus = evaluate(f, name, i, "- h");
      out[k] = (plus - minus) / (2 * h);
    } finally {
      x[i] = old;
    }
  });
  return out;
}

function evaluate(f: () => number, name: string, i: number, step: string): number {
  const y = f();
  if (typeof y !== "number" || !Number.isFinite(y)) {
    throw new Error(`numericGradient: loss must be a finite number, got ${typeof y === "number" ? y : typeName(y)} with ${name}[${i}] ${step}`);
  }
  return y;
}

function typeName(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return typeof x;
}
