/** CS231n's relative error between an analytic and a numerical gradient, and the bands that read it. Imports nothing. */

/** How to read a relative error (CS231n, "Gradient checks"). */
export type Band = "good" | "kinks" | "uncomfortable" | "wrong";

/** Upper limits of the bands: ≤ 1e-7 good; ≤ 1e-4 acceptable only with kinks (ReLU, max, SVM); ≤ 1e-2 uncomfortable. */
export const BAND_LIMITS = { good: 1e-7, kinks: 1e-4, uncomfortable: 1e-2 } as const;

/** A gradient check passes when its worst relative error is "good" unless told otherwise. */
export const DEFAULT_THRESHOLD: number = BAND_LIMITS.good;

// Captured when this file loads: exercise checks call relError after learner code ran, which may have replaced them.
const { abs, max } = Math;
const isFiniteNumber = Number.isFinite;

/**
 * |a − n| / max(1e-8, |a| + |n|), CS231n's per-coordinate relative error.
 * The 1e-8 floor keeps two (near-)zero gradients from dividing by zero: both exactly 0 gives 0.
 * Beware tiny gradients (~1e-10): there the floor dominates and the error reads large.
 */
export function relError(analytic: number, numeric: number): number {
  if (!isFiniteNumber(analytic) || !isFiniteNumber(numeric)) {
    throw new Error(`relError: both gradients must be finite, got analytic ${analytic} and numeric ${numeric}`);
  }
  return abs(analytic - numeric) / max(1e-8, abs(analytic) + abs(numeric));
}

/** The largest relError over two equally long arrays: CS231n's `rel_error(x, y)` used by its notebooks. */
export function maxRelError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  if (analytic.length !== numeric.length) {
    throw new Error(`maxRelError: arrays must have equal length, got analytic ${analytic.length} and numeric ${numeric.length}`);
  }
  let worst = 0;
  for (let i = 0; i < analytic.length; i++) worst = max(worst, relError(analytic[i], numeric[i]));
  return worst;
}

/** The band a relative error falls in; NaN reads as "wrong". */
export function errorBand(relativeError: number): Band {
  if (relativeError <= BAND_LIMITS.good) return "good";
  if (relativeError <= BAND_LIMITS.kinks) return "kinks";
  if (relativeError <= BAND_LIMITS.uncomfortable) return "uncomfortable";
  return "wrong";
}
