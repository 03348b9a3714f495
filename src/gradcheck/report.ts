/** The gradient-check report (plain data that charts draw) and its text form. */

import { Band, DEFAULT_THRESHOLD, errorBand, relError } from "./relative-error";

export type { Band } from "./relative-error";

/** One parameter's check: which flat indices, both gradients there, their relative errors, and the worst. */
export interface ParamCheck {
  name: string;
  shape?: readonly number[];
  indices: number[]; // flat row-major indices checked
  analytic: number[];
  numeric: number[];
  relErrors: number[];
  worst: { index: number; relError: number; analytic: number; numeric: number };
  band: Band;
}

export interface GradCheckReport {
  params: ParamCheck[];
  worstRelError: number;
  band: Band;
  passed: boolean; // worstRelError <= threshold (default 1e-7)
}

/** Pairs up analytic and numeric values at `indices` into a ParamCheck. */
export function paramCheck(
  name: string,
  shape: readonly number[] | undefined,
  indices: readonly number[],
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
): ParamCheck {
  const relErrors = indices.map((_, k) => relError(analytic[k], numeric[k]));
  let w = 0;
  for (let k = 1; k < relErrors.length; k++) if (relErrors[k] > relErrors[w]) w = k;
  const worst =
    indices.length === 0
      ? { index: -1, relError: 0, analytic: 0, numeric: 0 }
      : { index: indices[w], relError: relErrors[w], analytic: analytic[w], numeric: numeric[w] };
  return {
    name,
    ...(shape ? { shape: shape.slice() } : {}),
    indices: indices.slice(),
    analytic: Array.from(analytic),
    numeric: Array.from(numeric),
    relErrors,
    worst,
    band: errorBand(worst.relError),
  };
}

/** Collects ParamChecks into a report; `threshold` decides `passed`. */
export function gradCheckReport(params: ParamCheck[], threshold = DEFAULT_THRESHOLD): GradCheckReport {
  const worstRelError = params.reduce((m, p) => Math.max(m, p.worst.relError), 0);
  return { params, worstRelError, band: errorBand(worstRelError), passed: worstRelError <= threshold };
}

/**
 * One line per parameter, as CS231n prints them, then a verdict:
 *   W1 [4, 3]  max relative error 3.56e-9 at index 5 (analytic 0.1234, numeric 0.1234)  good
 */
export function formatGradCheck(report: GradCheckReport): string {
  const width = Math.max(...report.params.map((p) => label(p).length), 0);
  const lines = report.params.map((p) => {
    const where = p.worst.index < 0 ? "(nothing checked)" : `at index ${p.worst.index} (analytic ${fmt(p.worst.analytic)}, numeric ${fmt(p.worst.numeric)})`;
    const checked = p.indices.length === 1 ? "1 coordinate" : `${p.indices.length} coordinates`;
    return `${label(p).padEnd(width)}  max relative error ${p.worst.relError.toExponential(2)} ${where}, ${checked}  ${p.band}`;
  });
  lines.push(`worst relative error ${report.worstRelError.toExponential(2)}: ${report.band}, ${report.passed ? "passed" : "FAILED"}`);
  return lines.join("\n");
}

function label(p: ParamCheck): string {
  return p.shape ? `${p.name} [${p.shape.join(", ")}]` : p.name;
}

function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
